using System.Net.Http;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>Per-request markers read by the handlers in the pipeline.</summary>
internal static class RequestFlags
{
    private const string AnonymousKey = "Vietnix.Keypairs.Anonymous";
    private const string RepeatableKey = "Vietnix.Keypairs.Repeatable";
    private const string EarlierAttemptUncertainKey = "Vietnix.Keypairs.EarlierAttemptUncertain";

    /// <summary>Version discovery needs no token, so none is sent with it.</summary>
    public static void MarkAnonymous(HttpRequestMessage request) => request.Properties[AnonymousKey] = true;

    public static bool IsAnonymous(HttpRequestMessage request) => Flag(request, AnonymousKey);

    /// <summary>A POST whose repetition is harmless (a Keystone sign-in), so it may be retried like a GET.</summary>
    public static void MarkRepeatable(HttpRequestMessage request) => request.Properties[RepeatableKey] = true;

    /// <summary>GET, HEAD and DELETE change nothing when repeated; other methods only when marked.</summary>
    public static bool IsRepeatable(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Delete
        || Flag(request, RepeatableKey);

    public static void MarkEarlierAttemptUncertain(HttpRequestMessage request) => request.Properties[EarlierAttemptUncertainKey] = true;

    /// <summary>
    /// An earlier attempt of the request that got this answer lost its own answer in a way that
    /// may have come after the server acted (a dropped connection, a timeout, 502, 504).
    /// </summary>
    public static bool EarlierAttemptWasUncertain(HttpResponseMessage response) =>
        response.RequestMessage is { } request && Flag(request, EarlierAttemptUncertainKey);

    private static bool Flag(HttpRequestMessage request, string key) =>
        request.Properties.TryGetValue(key, out var value) && value is true;
}
