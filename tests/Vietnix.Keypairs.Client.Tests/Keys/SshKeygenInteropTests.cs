using System;
using System.IO;
using System.Runtime.Versioning;
using Vietnix.Keypairs.Client.Keys;

namespace Vietnix.Keypairs.Client.Tests.Keys;

/// <summary>
/// OpenSSH itself reads each generated private key file: the public key and fingerprints it derives
/// are ours, and it signs with the key. Needs ssh-keygen on PATH (.ci/run installs openssh-client).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SshKeygenInteropTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _folder = Directory.CreateTempSubdirectory("vietnix-keygen-").FullName;

    public static TheoryData<SshKeyAlgorithm, int?, int, string> Cases => GeneratedKeys.Cases;

    public static TheoryData<SshKeyAlgorithm, int?, int, string> LargeRsaCases => GeneratedKeys.LargeRsaCases;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(Cases))]
    public void SshKeygen_ReadsTheFile_AsOurPublicLineAndFingerprints(SshKeyAlgorithm algorithm, int? keySize, int bits, string type) =>
        AssertSshKeygenReadsTheFile(GeneratedKeys.Get(algorithm, keySize), keySize, bits, type);

    [Theory]
    [MemberData(nameof(Cases))]
    public void SshKeygen_SignsWithTheFile_AndTheSignatureVerifies(SshKeyAlgorithm algorithm, int? keySize, int bits, string type) =>
        AssertSshKeygenSignsWithTheFile(GeneratedKeys.Get(algorithm, keySize), bits, type);

    // Each large key is made once (minutes for 16384 bits) and checked every way.
    [Theory]
    [Trait("Category", GeneratedKeys.LargeRsaCategory)]
    [MemberData(nameof(LargeRsaCases))]
    public void SshKeygen_ReadsAndSignsWithALargePlatformRsaKey(SshKeyAlgorithm algorithm, int? keySize, int bits, string type)
    {
        // Arrange
        Assert.True(SshKeyGenerator.PlatformMakesRsa(bits), $"{bits} bits would not come from the platform.");
        var key = GeneratedKeys.Get(algorithm, keySize);

        // Act and assert
        Assert.Equal(bits, key.PublicKey.KeySize);
        AssertSshKeygenReadsTheFile(key, keySize, bits, type);
        AssertSshKeygenSignsWithTheFile(key, bits, type);
    }

    private void AssertSshKeygenReadsTheFile(GeneratedSshKey key, int? keySize, int bits, string type)
    {
        // Arrange
        var path = WriteOwnerOnly(key);

        // Act
        var publicLine = SshKeygen(null, "-y", "-f", path).TrimEnd('\n');
        var sha256 = SshKeygen(null, "-l", "-E", "sha256", "-f", path).TrimEnd('\n').Split(' ');
        var md5 = SshKeygen(null, "-l", "-E", "md5", "-f", path).TrimEnd('\n').Split(' ');

        // Assert
        Assert.Equal(key.PublicKeyLine, publicLine);
        Assert.StartsWith(type + " ", publicLine, StringComparison.Ordinal);
        Assert.Equal(new[] { bits.ToString(), key.PublicKey.Sha256Fingerprint, GeneratedKeys.Comment(key.Algorithm, keySize), $"({key.Algorithm.ToString().ToUpperInvariant()})" }, sha256);
        Assert.Equal("MD5:" + key.PublicKey.NovaFingerprint, md5[1]);
    }

    private void AssertSshKeygenSignsWithTheFile(GeneratedSshKey key, int bits, string type)
    {
        // Arrange
        var path = WriteOwnerOnly(key);
        var data = Path.Combine(_folder, "data");
        var message = $"signed with a generated {type} key of {bits} bits\n";
        File.WriteAllText(data, message);

        // Act
        SshKeygen(null, "-Y", "sign", "-f", path, "-n", "file", data);
        var verdict = SshKeygen(message, "-Y", "check-novalidate", "-n", "file", "-s", data + ".sig");

        // Assert
        Assert.Contains("Good \"file\" signature", verdict, StringComparison.Ordinal);
        Assert.Contains(key.PublicKey.Sha256Fingerprint!, verdict, StringComparison.Ordinal);
    }

    private string WriteOwnerOnly(GeneratedSshKey key)
    {
        var path = Path.Combine(_folder, $"id_{key.Algorithm.ToString().ToLowerInvariant()}_{key.KeySize}_{Guid.NewGuid():N}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite };
        using (var stream = new FileStream(path, options))
        {
            stream.Write(key.PrivateKeyFileContent);
        }

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        return path;
    }

    private static string SshKeygen(string? input, params string[] arguments) => SshKeygenTool.Succeed(input, arguments);
}
