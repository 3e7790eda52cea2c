using System.Net.Http;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>Per-request markers read by the handlers in the pipeline.</summary>
internal static class RequestFlags
{
    private const string AnonymousKey = "Vietnix.Keypairs.Anonymous";

    /// <summary>Version discovery needs no token, so none is sent with it.</summary>
    public static void MarkAnonymous(HttpRequestMessage request) => request.Properties[AnonymousKey] = true;

    public static bool IsAnonymous(HttpRequestMessage request) =>
        request.Properties.TryGetValue(AnonymousKey, out var value) && value is true;
}
