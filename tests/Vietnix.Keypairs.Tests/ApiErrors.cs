using Vietnix.Keypairs.Client.Errors;

namespace Vietnix.Keypairs.Tests;

/// <summary>The client's exceptions, built as the client builds them from Nova's answers.</summary>
internal static class ApiErrors
{
    public static VietnixApiException Status(int status, string message, string method = "GET", string url = "https://api.vietnix.cloud:8774/v2.1/project-1/os-keypairs/k") =>
        VietnixApiException.For(new ApiErrorDetails(method, url, status, null, "req-1f2e3d4c", "fault", message));
}
