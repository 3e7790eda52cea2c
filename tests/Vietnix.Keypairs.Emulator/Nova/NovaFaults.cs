using System.Text.Json.Nodes;

namespace Vietnix.Keypairs.Emulator.Nova;

/// <summary>
/// Nova's error bodies, <c>{"&lt;faultName&gt;": {"code": N, "message": "…"}}</c>, with the fault names of
/// <c>nova.api.openstack.wsgi.Fault</c>; any other status is a <c>computeFault</c>.
/// </summary>
internal static class NovaFaults
{
    public static NovaReply BadRequest(string message) => Fault(400, message);

    public static NovaReply Forbidden(string message) => Fault(403, message);

    public static NovaReply NotFound(string message) => Fault(404, message);

    public static NovaReply Conflict(string message) => Fault(409, message);

    public static NovaReply PolicyDenied(string action) =>
        Forbidden($"Policy doesn't allow os_compute_api:os-keypairs:{action} to be performed.");

    public static NovaReply Fault(int code, string message) => new(code, new JsonObject
    {
        [NameFor(code)] = new JsonObject { ["code"] = code, ["message"] = message },
    }, IsFault: true);

    private static string NameFor(int code) => code switch
    {
        400 => "badRequest",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "itemNotFound",
        405 => "badMethod",
        409 => "conflictingRequest",
        413 or 429 => "overLimit",
        415 => "badMediaType",
        501 => "notImplemented",
        503 => "serviceUnavailable",
        _ => "computeFault",
    };
}
