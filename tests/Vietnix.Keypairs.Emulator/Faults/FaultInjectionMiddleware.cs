using System.Text;

namespace Vietnix.Keypairs.Emulator.Faults;

/// <summary>
/// Applies the <see cref="FaultPlan"/> to every request except the emulator's own control hooks,
/// in front of the emulated services or of the upstream the emulator forwards to.
/// </summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, FaultPlan plan)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? string.Empty;
        if (path.StartsWith("/_emulator", StringComparison.Ordinal) || plan.Draw(http.Request.Method, path) is not { } rule)
        {
            await next(http);
            return;
        }

        switch (rule.Fault)
        {
            case FaultKind.Reset:
                // The connection breaks before the request reaches the service.
                http.Abort();
                return;
            case FaultKind.Status:
                var status = rule.Status ?? StatusCodes.Status503ServiceUnavailable;
                http.Response.StatusCode = status;
                if (rule.RetryAfter is { } seconds)
                {
                    http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                http.Response.ContentType = "text/html";
                await http.Response.WriteAsync($"<html><head><title>{status}</title></head><body><h1>{status}</h1>The proxy in front of the service failed this request.</body></html>");
                return;
            case FaultKind.Garbage:
                http.Response.StatusCode = StatusCodes.Status200OK;
                http.Response.ContentType = "application/json";
                await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("{\"keypair\": {\"name\": \"trunc"));
                return;
            case FaultKind.Delay:
                await Task.Delay(rule.DelayMs ?? 1000, http.RequestAborted);
                await next(http);
                return;
            case FaultKind.LoseResponse:
                // The request is carried out in full; then the connection drops before any byte of the answer.
                var original = http.Response.Body;
                http.Response.Body = new MemoryStream();
                try
                {
                    await next(http);
                }
                finally
                {
                    http.Response.Body = original;
                }

                Nova.LostResponse.Drop(http, http.Response.StatusCode);
                return;
        }
    }
}
