using System;
using System.Threading;
using System.Threading.Tasks;

namespace Vietnix.Keypairs.Client.Identity;

/// <summary>Keystone v3's token API: what signing in and out needs.</summary>
internal interface IKeystoneClient : IDisposable
{
    KeystoneClientOptions Options { get; }

    /// <summary>Signs in. A refusal becomes a <see cref="VietnixSignInException"/> that says whether the credentials or the project were refused.</summary>
    Task<KeystoneToken> IssueTokenAsync(KeystoneCredential credential, ProjectScope? scope, CancellationToken cancellationToken);

    /// <summary>Revokes a token, so it is useless even to someone who copied it.</summary>
    Task RevokeTokenAsync(KeystoneToken token, CancellationToken cancellationToken);
}
