using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading;
using System.Threading.Tasks;

namespace Vietnix.Keypairs.Client.Http;

/// <summary>A token the user already holds. It cannot be renewed: a 401 is final.</summary>
public sealed class StaticTokenProvider : ITokenProvider
{
    private readonly SecureString _token;

    public StaticTokenProvider(SecureString token)
    {
        if (token is null || token.Length == 0)
        {
            throw new ArgumentException("The token is empty.", nameof(token));
        }

        _token = token.Copy();
        _token.MakeReadOnly();
    }

    public Task<string> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult(Reveal(_token));

    public Task<bool> TryRenewAsync(string rejectedToken, CancellationToken cancellationToken) => Task.FromResult(false);

    // The plain text exists only while a request header is written.
    internal static string Reveal(SecureString secret)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
        try
        {
            return Marshal.PtrToStringUni(pointer, secret.Length);
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }
}
