using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Vietnix.Keypairs.Client.Tests.Infrastructure;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 that records each request byte for byte as it arrived, for
/// the few tests that need the real network handler (what goes on the wire, redirects).
/// One request per connection ("Connection: close").
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RawRequest, RawResponse> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<RawRequest> _requests = new();
    private readonly Task _loop;

    public LoopbackServer(Func<RawRequest, RawResponse> respond)
    {
        _respond = respond;
        _listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _loop = Task.Run(AcceptLoopAsync);
    }

    public string BaseUrl { get; }

    public IReadOnlyList<RawRequest> Requests => _requests.ToArray();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var connection = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    private async Task ServeAsync(TcpClient connection)
    {
        using (connection)
        {
            var stream = connection.GetStream();
            var request = await RawRequest.ReadAsync(stream, _stop.Token);
            _requests.Enqueue(request);
            var response = _respond(request);
            var head = new StringBuilder($"HTTP/1.1 {response.Status} {response.Reason}\r\n");
            foreach (var (name, value) in response.Headers)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }

            if (response.WriteBody is { } writeBody)
            {
                // The body is written as it goes, of no announced length; the client may close the
                // connection in the middle, which ends the writing.
                head.Append("Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
                try
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);
                    await writeBody(stream, _stop.Token);
                }
                catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
                {
                }

                return;
            }

            head.Append("Content-Length: ").Append(response.Body.Length).Append("\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);
            await stream.WriteAsync(response.Body, _stop.Token);
            await stream.FlushAsync(_stop.Token);
        }
    }
}

internal sealed record RawResponse(int Status, string Reason, byte[] Body, params (string Name, string Value)[] Headers)
{
    /// <summary>Writes a chunked body instead of <see cref="Body"/> (the chunk framing is the writer's).</summary>
    public Func<Stream, CancellationToken, Task>? WriteBody { get; init; }

    public static RawResponse Json(int status, string reason, string json, params (string Name, string Value)[] headers) =>
        new(status, reason, Encoding.UTF8.GetBytes(json), [("Content-Type", "application/json"), .. headers]);
}

internal sealed class RawRequest
{
    private RawRequest(string method, string target, IReadOnlyList<(string Name, string Value)> headers, byte[] body, bool chunked)
    {
        Method = method;
        Target = target;
        Headers = headers;
        Body = body;
        WasChunked = chunked;
    }

    public string Method { get; }

    /// <summary>The request-target exactly as sent, e.g. /v2.1/p/os-keypairs/my%20key%40x.</summary>
    public string Target { get; }

    public IReadOnlyList<(string Name, string Value)> Headers { get; }

    public byte[] Body { get; }

    public bool WasChunked { get; }

    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public static async Task<RawRequest> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reader = new ByteReader(stream);
        var requestLine = await reader.ReadLineAsync(cancellationToken);
        var parts = requestLine.Split(' ');
        var headers = new List<(string, string)>();
        for (var line = await reader.ReadLineAsync(cancellationToken); line.Length > 0; line = await reader.ReadLineAsync(cancellationToken))
        {
            var colon = line.IndexOf(':');
            headers.Add((line.Substring(0, colon), line.Substring(colon + 1).Trim()));
        }

        var request = new RawRequest(parts[0], parts[1], headers, [], chunked: false);
        if (request.Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
        {
            var body = new MemoryStream();
            while (true)
            {
                var size = Convert.ToInt32(await reader.ReadLineAsync(cancellationToken), 16);
                var chunk = await reader.ReadBytesAsync(size + 2, cancellationToken);
                if (size == 0)
                {
                    break;
                }

                body.Write(chunk, 0, size);
            }

            return new RawRequest(request.Method, request.Target, headers, body.ToArray(), chunked: true);
        }

        var length = int.TryParse(request.Header("Content-Length"), out var n) ? n : 0;
        return new RawRequest(request.Method, request.Target, headers, await reader.ReadBytesAsync(length, cancellationToken), chunked: false);
    }

    private sealed class ByteReader(Stream stream)
    {
        public async Task<string> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new List<byte>();
            var one = new byte[1];
            while (await stream.ReadAsync(one, cancellationToken) == 1)
            {
                if (one[0] == '\n')
                {
                    break;
                }

                if (one[0] != '\r')
                {
                    line.Add(one[0]);
                }
            }

            return Encoding.ASCII.GetString(line.ToArray());
        }

        public async Task<byte[]> ReadBytesAsync(int count, CancellationToken cancellationToken)
        {
            var buffer = new byte[count];
            await stream.ReadExactlyAsync(buffer, cancellationToken);
            return buffer;
        }
    }
}
