using System.Net.Http;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>
/// Keeps the body a request was sent with on the request itself, so an error answer can be cleaned
/// of the secrets it carried: .NET Framework disposes a request's content once it is sent.
/// </summary>
internal static class RequestBodies
{
    private const string SentBodyKey = "Vietnix.Keypairs.SentBody";

    public static void Remember(HttpRequestMessage request, byte[] body) => request.Properties[SentBodyKey] = body;

    /// <summary>The body given to <see cref="Remember"/>; null when none was.</summary>
    public static byte[]? SentBody(HttpRequestMessage request) =>
        request.Properties.TryGetValue(SentBodyKey, out var value) ? value as byte[] : null;
}
