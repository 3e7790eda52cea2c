using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Vietnix.Keypairs.Tests;

/// <summary>
/// A Keystone (or Nova) on 127.0.0.1, over plain http or over TLS with a certificate nobody trusts
/// (made for another name), that records every request it reads. By default it refuses each one
/// with Keystone's 401, which tells whether a secret reached a server it was not given for; a
/// test can script other answers, or hold one back until the test ends.
/// </summary>
internal sealed class FakeKeystone : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _loop;

    private FakeKeystone(X509Certificate2? certificate)
    {
        _certificate = certificate;
        _listener.Start();
        var scheme = certificate is null ? "http" : "https";
        AuthUrl = $"{scheme}://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v3";
        _loop = Task.Run(AcceptLoopAsync);
    }

    public string AuthUrl { get; }

    /// <summary>Each request as it arrived (head and body), in order.</summary>
    public IReadOnlyCollection<string> Requests => _requests.ToArray();

    /// <summary>Called on the server's thread as each request arrives, before it is answered.</summary>
    public Action<string>? OnRequest { get; init; }

    /// <summary>The raw HTTP answer to a request (its head and body as text); null holds the answer back until the server stops.</summary>
    public Func<string, string?> Respond { get; init; } = _ => Answer(401, "{\"error\":{\"code\":401,\"message\":\"The request you have made requires authentication.\",\"title\":\"Unauthorized\"}}");

    public static FakeKeystone Scripted(Func<string, string?> respond) => new(null) { Respond = respond };

    /// <summary>An HTTP answer with a JSON body and the given extra header lines.</summary>
    public static string Answer(int status, string json, params string[] headers) =>
        $"HTTP/1.1 {status} Status\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(json)}\r\n{string.Concat(headers.Select(header => header + "\r\n"))}Connection: close\r\n\r\n{json}";

    public static FakeKeystone PlainHttp(Action<string>? onRequest = null) => new(null) { OnRequest = onRequest };

    /// <summary>TLS with a self-signed certificate for another host name.</summary>
    public static FakeKeystone WithUntrustedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=someone-else.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // SslStream needs the private key in a form the platform's TLS can use.
        return new(X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
        _certificate?.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient connection;
            try
            {
                connection = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
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
                Stream stream = connection.GetStream();
                if (_certificate is not null)
                {
                    var tls = new SslStream(stream);
                    await tls.AuthenticateAsServerAsync(_certificate);
                    stream = tls;
                }

                var request = await ReadRequestAsync(stream);
                if (request.Length == 0)
                {
                    // The client closed the connection without sending anything.
                    return;
                }

                _requests.Enqueue(request);
                OnRequest?.Invoke(request);
                if (Respond(request) is not { } answer)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                    return;
                }

                await stream.WriteAsync(Encoding.UTF8.GetBytes(answer), _stop.Token);
                await stream.FlushAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException or ObjectDisposedException)
            {
                // The client gave up, for example on the certificate: nothing was read.
            }
        }
    }

    private async Task<string> ReadRequestAsync(Stream stream)
    {
        var received = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(received) && await stream.ReadAsync(one, _stop.Token) == 1)
        {
            received.Add(one[0]);
        }

        var head = Encoding.ASCII.GetString(received.ToArray());
        var length = 0;
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line.Substring("Content-Length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var body = new byte[length];
        await stream.ReadExactlyAsync(body, _stop.Token);
        return head + Encoding.UTF8.GetString(body);
    }

    private static bool EndsWithBlankLine(List<byte> bytes) =>
        bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n';
}
