using System.Text.Json;
using System.Text.Json.Serialization;
using Vietnix.Keypairs.Emulator.Identity;
using Vietnix.Keypairs.Emulator.KeyPairs;
using Vietnix.Keypairs.Emulator.Nova;
using Vietnix.Keypairs.Emulator.Faults;

namespace Vietnix.Keypairs.Emulator.Control;

/// <summary>
/// Test hooks under <c>/_emulator/</c> (not part of OpenStack, no token needed): the request log (read or
/// cleared), the issued tokens (without their ids), a reset (key pairs, log, limits, token lifetime,
/// clock and faults back to start-up; users and tokens stay), runtime settings, the clock's offset and
/// lost responses.
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
        // Lets a test see that a sign-out revoked its token, or which methods a sign-in used.
        control.MapGet("/tokens", (TokenTable tokens, bool? includeValues) => Results.Json(tokens.Snapshot().Select(entry => new TokenSummary(
            entry.Token.User.Name,
            entry.Token.Project?.Name,
            entry.Token.Methods,
            TokenView.IsoTime(entry.Token.ExpiresAt),
            entry.Revoked)
        {
            Value = includeValues == true ? entry.Token.Value : null,
        })));

        // Revokes every token of a user, as an administrator would behind a client's back, so a
        // test can see the client sign in again after the compute API refuses its token.
        control.MapPost("/tokens/revoke", (TokenTable tokens, string user) =>
        {
            foreach (var (token, _) in tokens.Snapshot().Where(entry => entry.Token.User.Name == user))
            {
                tokens.Revoke(token);
            }

            return Results.NoContent();
        });
        // Lets a test drop the connection after the next call(s) of an action were carried out.
        control.MapPost("/faults/lose-response", (LostResponses lost, string action, int? count) =>
        {
            if (!Enum.TryParse<KeyPairAction>(action, ignoreCase: true, out var keyPairAction) || !Enum.IsDefined(keyPairAction) || count is < 1)
            {
                return Results.BadRequest(new { error = $"action must be one of {string.Join(", ", Enum.GetNames<KeyPairAction>())}, and count at least 1." });
            }

            lost.Add(keyPairAction, count ?? 1);
            return Results.NoContent();
        });
        // Moves the emulator's clock (Keystone's and Nova's) against the real one: with a negative
        // offset the tokens issued afterwards have already expired for a client, which a test can
        // then watch without sleeping.
        control.MapPost("/clock", (EmulatorClock clock, int offsetSeconds) =>
        {
            clock.SetOffset(TimeSpan.FromSeconds(offsetSeconds));
            return Results.NoContent();
        });
        // A seeded fault plan for every request that is not a control hook: {"seed": 1, "rules": [...]}.
        control.MapPost("/faults/plan", async (HttpRequest request, FaultPlan plan) =>
        {
            FaultPlanDocument? document;
            try
            {
                document = await JsonSerializer.DeserializeAsync<FaultPlanDocument>(request.Body, SettingsJson, request.HttpContext.RequestAborted);
            }
            catch (JsonException ex)
            {
                return Results.BadRequest(new { error = ex.Message });
            }

            if (document?.Rules is null)
            {
                return Results.BadRequest(new { error = "Send {\"seed\": <int>, \"rules\": [...]}." });
            }

            plan.Set(document);
            return Results.NoContent();
        });
        control.MapGet("/faults/plan", (FaultPlan plan) => Results.Json(plan.Injected()));
        control.MapDelete("/faults/plan", (FaultPlan plan) =>
        {
            plan.Clear();
            return Results.NoContent();
        });
        control.MapPost("/reset", (KeyPairStore store, RequestLog log, NovaSettings settings, KeystoneSettings keystone, LostResponses lost, EmulatorClock clock, FaultPlan faults) =>
        {
            store.Clear();
            clock.SetOffset(TimeSpan.Zero);
            lost.Clear();
            faults.Clear();
            log.Clear();
            settings.Reset();
            keystone.Reset();
            return Results.NoContent();
        });
        control.MapPost("/settings", ChangeSettingsAsync);
    }

    private static async Task<IResult> ChangeSettingsAsync(HttpRequest request, NovaSettings settings, KeystoneSettings keystone)
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

        var (limits, lifetime, problem) = document.ApplyTo(settings.Current, keystone.TokenLifetime);
        if (limits is null)
        {
            return Results.BadRequest(new { error = problem });
        }

        settings.Apply(limits);
        keystone.SetTokenLifetime(lifetime);
        return Results.Json(SettingsDocument.From(limits, lifetime));
    }
}
