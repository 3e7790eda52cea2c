using System;
using System.Collections.Concurrent;
using Vietnix.Keypairs.Client.Keys;

namespace Vietnix.Keypairs.Client.Tests.Keys;

/// <summary>
/// One generated key per algorithm and size, shared by the test classes that only read it, so each
/// RSA key (a 16384-bit one takes minutes on a small machine) is made once per run. Never dispose these.
/// </summary>
internal static class GeneratedKeys
{
    private static readonly ConcurrentDictionary<(SshKeyAlgorithm, int?), Lazy<GeneratedSshKey>> Keys = new();

    /// <summary>Algorithm, requested size (null: the default), expected size, expected key type.</summary>
    public static TheoryData<SshKeyAlgorithm, int?, int, string> Cases => new()
    {
        { SshKeyAlgorithm.Ed25519, null, 256, "ssh-ed25519" },
        { SshKeyAlgorithm.Ed25519, 256, 256, "ssh-ed25519" },
        { SshKeyAlgorithm.Rsa, null, 3072, "ssh-rsa" },
        { SshKeyAlgorithm.Rsa, 2048, 2048, "ssh-rsa" },
        { SshKeyAlgorithm.Rsa, 4096, 4096, "ssh-rsa" },

        // Not a multiple of 8 bits, which OpenSSL (and CNG, 64) refuse: BouncyCastle makes it.
        { SshKeyAlgorithm.Rsa, 2049, 2049, "ssh-rsa" },
        { SshKeyAlgorithm.Ecdsa, null, 256, "ecdsa-sha2-nistp256" },
        { SshKeyAlgorithm.Ecdsa, 384, 384, "ecdsa-sha2-nistp384" },
        { SshKeyAlgorithm.Ecdsa, 521, 521, "ecdsa-sha2-nistp521" },
    };

    /// <summary>
    /// RSA sizes that take from half a minute (8192) to many minutes (16384) to make on a small
    /// machine: tests over these carry the <see cref="LargeRsaCategory"/> trait, which the Test task
    /// leaves out and the Integration task (CI) runs.
    /// </summary>
    public static TheoryData<SshKeyAlgorithm, int?, int, string> LargeRsaCases => new()
    {
        { SshKeyAlgorithm.Rsa, 8192, 8192, "ssh-rsa" },
        { SshKeyAlgorithm.Rsa, 16384, 16384, "ssh-rsa" },
    };

    public const string LargeRsaCategory = "LargeRsaKeys";

    public static string Comment(SshKeyAlgorithm algorithm, int? keySize) =>
        $"generated-{algorithm}-{keySize?.ToString() ?? "default"}@vietnix-tests".ToLowerInvariant();

    public static GeneratedSshKey Get(SshKeyAlgorithm algorithm, int? keySize) =>
        Keys.GetOrAdd(
            (algorithm, keySize),
            _ => new Lazy<GeneratedSshKey>(() => SshKeyGenerator.Generate(algorithm, keySize, Comment(algorithm, keySize)))).Value;
}
