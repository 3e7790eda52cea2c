using System;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vietnix.Keypairs.Client.Http;

namespace Vietnix.Keypairs.Client.Tests.Identity;

/// <summary>Trusting a private CA (OS_CACERT) without trusting anything else.</summary>
public class NetworkHandlerTests
{
    private static X509Certificate2 Authority(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 ServerSignedBy(X509Certificate2 authority, string? usage = "1.3.6.1.5.5.7.3.1")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=api.vietnix.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        if (usage is not null)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        }

        return request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), [1, 2, 3, 4]);
    }

    [Theory]
    [InlineData("1.3.6.1.5.5.7.3.2")] // clientAuth only
    [InlineData("1.3.6.1.5.5.7.3.3")] // codeSigning only
    [InlineData(null)] // no extended key usage at all
    public void ACertificateFromTheGivenAuthorityThatIsNotForServers_IsNotTrusted(string? usage)
    {
        using var authority = Authority("Vietnix Test CA");
        using var client = ServerSignedBy(authority, usage);

        Assert.False(NetworkHandler.IsTrusted(client, SslPolicyErrors.RemoteCertificateChainErrors, [authority]));
    }

    [Fact]
    public void ACertificateFromTheGivenAuthorityIsTrusted()
    {
        using var authority = Authority("Vietnix Test CA");
        using var server = ServerSignedBy(authority);

        Assert.True(NetworkHandler.IsTrusted(server, SslPolicyErrors.RemoteCertificateChainErrors, [authority]));
    }

    [Fact]
    public void ACertificateFromAnotherAuthorityIsNot()
    {
        using var authority = Authority("Vietnix Test CA");
        using var other = Authority("Someone Else");
        using var server = ServerSignedBy(other);

        Assert.False(NetworkHandler.IsTrusted(server, SslPolicyErrors.RemoteCertificateChainErrors, [authority]));
    }

    [Fact]
    public void ANameMismatchIsNeverAccepted()
    {
        using var authority = Authority("Vietnix Test CA");
        using var server = ServerSignedBy(authority);

        Assert.False(NetworkHandler.IsTrusted(server, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors, [authority]));
    }

    [Fact]
    public void WhatTheSystemTrustsStaysTrusted()
    {
        using var authority = Authority("Vietnix Test CA");

        Assert.True(NetworkHandler.IsTrusted(null, SslPolicyErrors.None, [authority]));
    }
}
