using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vietnix.Keypairs.Client.Tests.Infrastructure;

/// <summary>tests/fixtures/keys/vectors.json: what ssh-keygen and openssl printed for each test key.</summary>
public static class KeyVectors
{
    private static readonly VectorFile File = JsonSerializer.Deserialize<VectorFile>(Fixtures.ReadText("keys/vectors.json"))
        ?? throw new JsonException("keys/vectors.json is empty.");

    public static IReadOnlyList<KeyVector> All => File.Keys;

    public static KeyVector Ssh(string file) => File.Keys.Single(k => k.File == file);

    public static KeyVector Certificate => File.Keys.Single(k => k.Kind == "x509");

    public static KeyVector EcCertificate => File.EcCertificate;

    public static Rfc4716Vector Rfc4716 => File.Rfc4716;

    public static string PrivateThrowawayFile => File.PrivateThrowaway.File;

    /// <summary>Unencrypted private keys ssh-keygen wrote, each with its .pub file beside it: vectors for the private key encoder.</summary>
    public static IReadOnlyList<KeyVector> OpenSshPrivateKeys => File.OpenSshPrivateKeys;

    public static TheoryData<string> OpenSshPrivateKeyFiles
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var key in File.OpenSshPrivateKeys)
            {
                data.Add(key.File);
            }

            return data;
        }
    }

    public static KeyVector OpenSshPrivateKey(string file) => File.OpenSshPrivateKeys.Single(k => k.File == file);

    /// <summary>A key file byte for byte, for comparisons that line-end or encoding changes must not pass.</summary>
    public static byte[] Bytes(string file) => System.IO.File.ReadAllBytes(Fixtures.Path("keys/" + file));

    public static TheoryData<string> SshKeyFiles
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var key in File.Keys.Where(k => k.Kind == "ssh"))
            {
                data.Add(key.File);
            }

            return data;
        }
    }

    /// <summary>The text of a key file as the user would pipe it in.</summary>
    public static string Text(string file) => Fixtures.ReadText("keys/" + file);

    /// <summary>The single line of an OpenSSH .pub file, without its line end.</summary>
    public static string Line(string file) => Text(file).TrimEnd('\r', '\n');

    public sealed class KeyVector
    {
        [JsonPropertyName("file")]
        public string File { get; set; } = string.Empty;

        [JsonPropertyName("kind")]
        public string Kind { get; set; } = string.Empty;

        [JsonPropertyName("algorithm")]
        public string Algorithm { get; set; } = string.Empty;

        [JsonPropertyName("bits")]
        public int Bits { get; set; }

        [JsonPropertyName("comment")]
        public string? Comment { get; set; }

        [JsonPropertyName("md5")]
        public string? Md5 { get; set; }

        [JsonPropertyName("sha256")]
        public string? Sha256 { get; set; }

        [JsonPropertyName("sha1")]
        public string? Sha1 { get; set; }
    }

    public sealed class Rfc4716Vector
    {
        [JsonPropertyName("file")]
        public string File { get; set; } = string.Empty;

        [JsonPropertyName("sameKeyAs")]
        public string SameKeyAs { get; set; } = string.Empty;

        [JsonPropertyName("md5")]
        public string Md5 { get; set; } = string.Empty;
    }

    private sealed class VectorFile
    {
        [JsonPropertyName("keys")]
        public List<KeyVector> Keys { get; set; } = [];

        [JsonPropertyName("rfc4716")]
        public Rfc4716Vector Rfc4716 { get; set; } = new();

        [JsonPropertyName("privateThrowaway")]
        public KeyVector PrivateThrowaway { get; set; } = new();

        [JsonPropertyName("ecCertificate")]
        public KeyVector EcCertificate { get; set; } = new();

        [JsonPropertyName("opensshPrivateKeys")]
        public List<KeyVector> OpenSshPrivateKeys { get; set; } = [];
    }
}
