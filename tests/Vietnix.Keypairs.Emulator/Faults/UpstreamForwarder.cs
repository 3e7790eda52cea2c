namespace Vietnix.Keypairs.Emulator.Faults;

/// <summary>
/// With --upstream the emulator is a loopback fault proxy: every request (but the control hooks) is
/// sent on to the upstream server, so the same fault plans can run in front of a real Nova.
/// </summary>
internal sealed class UpstreamForwarder(Uri upstream)
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Host", "Content-Length",
    };

    private readonly HttpClient client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task ForwardAsync(HttpContext http)
    {
        var target = new Uri(upstream, http.Request.Path.Value + http.Request.QueryString.Value);
        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), target);
        // The request log has read the body already, and keeps it.
        if (http.Features.Get<Nova.CapturedRequestBody>() is { Bytes.Length: > 0 } captured)
        {
            request.Content = new ByteArrayContent(captured.Bytes);
        }

        foreach (var (name, values) in http.Request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await client.SendAsync(request, http.RequestAborted);
        http.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                http.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}
