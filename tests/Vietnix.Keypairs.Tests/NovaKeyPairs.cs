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

    public static NovaKeyPair Generated(string name, string type = "ssh", string privateKey = GeneratedPrivateKey) =>
        new(name, "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCkF3MX59OrlBs3dH5CU7lNmvpbrgZxSpyGjlnE8Flkirnc Generated-by-Nova", "7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd")
        {
            Type = type,
            UserId = "user-1",
            PrivateKey = privateKey,
        };
}
