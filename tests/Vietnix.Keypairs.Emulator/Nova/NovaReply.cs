using System.Text;
using System.Text.Json.Nodes;
using Vietnix.Keypairs.Emulator.Python;

namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>A response of the emulated Nova: status, JSON body (none for deletes) and whether it is a fault.</summary>
internal sealed record NovaReply(int Status, JsonNode? Body, bool IsFault = false)
{
    public const string VersionHeader = "OpenStack-API-Version";
    public const string LegacyVersionHeader = "X-OpenStack-Nova-API-Version";

    /// <summary>
    /// Writes the reply. Like Nova's Resource and Fault, every reply made once a version was parsed echoes
    /// it in both version headers plus Vary. Faults are typed <c>application/json; charset=UTF-8</c>
    /// (webob exceptions), successes plain <c>application/json</c>, empty bodies included.
    /// </summary>
    public Task WriteAsync(HttpResponse response, ApiVersion? version)
    {
        response.StatusCode = Status;
        response.ContentType = IsFault ? "application/json; charset=UTF-8" : "application/json";
        if (version is { } echoed)
        {
            response.Headers[VersionHeader] = "compute " + echoed;
            response.Headers[LegacyVersionHeader] = echoed.ToString();
            response.Headers.Vary = VersionHeader + ", " + LegacyVersionHeader;
        }

        if (Body is null)
        {
            if (Status != StatusCodes.Status204NoContent)
            {
                response.ContentLength = 0;
            }

            return Task.CompletedTask;
        }

        var bytes = Encoding.UTF8.GetBytes(PythonJson.Dumps(Body));
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes).AsTask();
    }
}
