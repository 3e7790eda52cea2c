using System.Text.Json;
using System.Text.Json.Serialization;
using Vietnix.Keypairs.Emulator.KeyPairs;
using Vietnix.Keypairs.Emulator.Nova;

namespace Vietnix.Keypairs.Emulator.Control;

/// <summary>
/// Test hooks under <c>/_emulator/</c> (not part of Nova, no token needed): the request log (read or
/// cleared), a reset (key pairs, log and limits back to start-up; users and tokens stay) and runtime limits.
/// </summary>
internal static class ControlEndpoints
{
    private static readonly JsonSerializerOptions SettingsJson = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_emulator");
        control.MapGet("/requests", (RequestLog log) => Results.Json(log.Snapshot()));

        // Lets a test look only at what one command sent, after setting things up.
        control.MapDelete("/requests", (RequestLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });
        control.MapPost("/reset", (KeyPairStore store, RequestLog log, NovaSettings settings) =>
        {
            store.Clear();
            log.Clear();
            settings.Reset();
            return Results.NoContent();
        });
        control.MapPost("/settings", ChangeSettingsAsync);
    }

    private static async Task<IResult> ChangeSettingsAsync(HttpRequest request, NovaSettings settings)
    {
        SettingsDocument? document;
        try
        {
            document = await JsonSerializer.DeserializeAsync<SettingsDocument>(request.Body, SettingsJson, request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Results.BadRequest(new { error = ex.Message });
        }

        if (document is null)
        {
            return Results.BadRequest(new { error = "Send a JSON object." });
        }

        var (limits, problem) = document.ApplyTo(settings.Current);
        if (limits is null)
        {
            return Results.BadRequest(new { error = problem });
        }

        settings.Apply(limits);
        return Results.Json(SettingsDocument.From(limits));
    }
}
