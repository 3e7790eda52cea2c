using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests;

/// <summary>
/// A private CA given as -CACertificatePath (OS_CACERT), over real TLS on 127.0.0.1: a certificate
/// it signed is accepted for a server only when it is made for servers (serverAuth).
/// </summary>
public class TlsTrustTests
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    [Fact]
    public async Task AServerCertificateOfTheGivenAuthority_IsAccepted()
    {
        // Arrange
        using var authority = Authority();
        using var certificate = ServerCertificate(authority, ServerAuthentication);
        await using var server = new TlsServer(certificate);
        using var client = Client(server, authority);

        // Act
        var negotiation = await client.NegotiateAsync(CancellationToken.None);

        // Assert
        Assert.Equal("2.93", negotiation.ServerMaximum?.ToString());
    }

    [Fact]
    public async Task AClientCertificateOfTheGivenAuthority_IsRefusedForAServer()
    {
        // Arrange: the same CA, but the certificate is for TLS clients only.
        using var authority = Authority();
        using var certificate = ServerCertificate(authority, ClientAuthentication);
        await using var server = new TlsServer(certificate);
        using var client = Client(server, authority);

        // Act
        var exception = await Record.ExceptionAsync(() => client.NegotiateAsync(CancellationToken.None));

        // Assert
        Assert.IsType<VietnixConnectionException>(exception);
        Assert.Equal(0, server.RequestsAnswered);
    }

    private static IComputeService Client(TlsServer server, X509Certificate2 authority) =>
        ComputeServiceFactory.Create(
            new ComputeServiceOptions(new Uri($"https://127.0.0.1:{server.Port}/v2.1/{TestClient.ProjectId}"))
            {
                CertificateAuthorities = [authority],
                Timeout = TimeSpan.FromSeconds(30),
            },
            TestClient.StaticToken());

    private static X509Certificate2 Authority()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Vietnix Test CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 ServerCertificate(X509Certificate2 authority, string usage)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        using var signed = request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), [5, 6, 7, 8]);

        // SslStream needs the private key in a form the platform's TLS can use.
        return X509CertificateLoader.LoadPkcs12(signed.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>One TLS endpoint on 127.0.0.1 that answers version discovery, one request per connection.</summary>
    private sealed class TlsServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly X509Certificate2 _certificate;
        private readonly Task _loop;
        private int _answered;

        public TlsServer(X509Certificate2 certificate)
        {
            _certificate = certificate;
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _loop = Task.Run(AcceptLoopAsync);
        }

        public int Port { get; }

        public int RequestsAnswered => Volatile.Read(ref _answered);

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(5)));
        }

        private async Task AcceptLoopAsync()
        {
            while (true)
            {
                TcpClient connection;
                try
                {
                    connection = await _listener.AcceptTcpClientAsync();
                }
                catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(() => ServeAsync(connection));
            }
        }

        private async Task ServeAsync(TcpClient connection)
        {
            using (connection)
            {
                try
                {
                    await using var tls = new SslStream(connection.GetStream());
                    await tls.AuthenticateAsServerAsync(_certificate);
                    using var reader = new StreamReader(tls, Encoding.ASCII, false, 1024, leaveOpen: true);
                    while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
                    {
                    }

                    var body = Encoding.UTF8.GetBytes(NovaResponses.VersionDocument("2.93", "2.1"));
                    var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                    await tls.WriteAsync(head);
                    await tls.WriteAsync(body);
                    Interlocked.Increment(ref _answered);
                }
                catch (Exception exception) when (exception is IOException or System.Security.Authentication.AuthenticationException)
                {
                    // The client refused the certificate: what the refusal test expects.
                }
            }
        }
    }
}
