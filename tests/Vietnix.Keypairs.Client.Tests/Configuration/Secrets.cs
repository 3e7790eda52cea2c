using System.Net;
using System.Security;

namespace Vietnix.Keypairs.Client.Tests.Configuration;

internal static class Secrets
{
    public static string? Reveal(SecureString? secret) => secret is null ? null : new NetworkCredential(string.Empty, secret).Password;
}
