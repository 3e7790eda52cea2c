using System;
using Vietnix.Keypairs.Client.Models;

namespace Vietnix.Keypairs.Tests;

/// <summary>Key pairs as the mocked client returns them, shaped like Nova's answers.</summary>
internal static class NovaKeyPairs
{
    public const string Ed25519PublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJywn8Q/64nvSFWEqVMfNVpe0LUNY3Dx1zaVu1Q4gN1e rs-ed25519";

    /// <summary>The MD5 fingerprint the real Nova returned for <see cref="Ed25519PublicKey"/> (openstack-zed-local.md).</summary>
    public const string Ed25519Fingerprint = "15:d2:fc:3a:db:43:0d:b7:e4:61:8b:6c:7c:31:5d:3f";

    public const string GeneratedPrivateKey = "-----BEGIN RSA PRIVATE KEY-----\r\nMIIEpAIBAAKCAQEApBdzF+fTq5QbN3R+QlO5TZr6W64GcUqcho5ZxPBZZIq53P1K\r\n-----END RSA PRIVATE KEY-----\r\n";

    public static NovaKeyPair Shown(string name, string publicKey = Ed25519PublicKey, string fingerprint = Ed25519Fingerprint, string type = "ssh") =>
        new(name, publicKey, fingerprint)
        {
            Type = type,
            UserId = "user-1",
            CreatedAt = new DateTime(2026, 11, 27, 18, 41, 13, DateTimeKind.Utc),
            Id = 3,
        };

    public static NovaKeyPair Listed(string name) => new(name, Ed25519PublicKey, Ed25519Fingerprint) { Type = "ssh" };

    /// <summary>A whole RSA public key as Nova generates it: New-VietnixKeyPair parses it before writing the .pub.</summary>
    public const string GeneratedPublicKey = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCkF3MX59OrlBs3dH5CU7lNmvpbrgZxSpyGjlnE8Flkirnc/Up22lpjznoxqeoTAwTW034k7Dz6aYIrZGmQwe2TkE084yqvlj45Dkyoj95fW/sZacm0cZNuL69EObEGHdprfGJQajrpz22NQoCD8TFB8Wv+8om9NH9Le6s+WPe98WC77KLw8qgfQsbIey+JawPWl4O67ZdL5xrypuRjfIPWjgy/VH85IXg/Z/GONZ2nxHgSShMkwqSFECAC5L3PHB+0+/12M/iikdatFSVGjpuHvkLOs3oe7m6HlOfluSJ85BzLWBbvva93qkGmLg4ZAc8rPh2O+YIsBUHNLLMM/oQp Generated-by-Nova";

    public static NovaKeyPair Generated(string name, string type = "ssh", string privateKey = GeneratedPrivateKey, string publicKey = GeneratedPublicKey) =>
        new(name, publicKey, "7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd")
        {
            Type = type,
            UserId = "user-1",
            PrivateKey = privateKey,
        };
}
