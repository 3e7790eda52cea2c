using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Http;
using Vietnix.Keypairs.Client.Identity;
using Vietnix.Keypairs.Client.Retries;
using Vietnix.Keypairs.Internal;

namespace Vietnix.Keypairs.Completion;

/// <summary>
/// -Name of Get-, Remove- and Test-VietnixKeyPair: the key pair names of this runspace's session,
/// read with its token as it is and kept for 30 seconds. It never signs in, renews a token or
/// prompts: without a session, with a token about to expire, or with parameters that point
/// elsewhere (-Cloud, -Region, -UserId, …) it offers nothing. It waits for the server at most
/// 400 ms; a slower answer serves the next Tab.
/// </summary>
public sealed class KeyPairNameCompleter : IArgumentCompleter
{
    internal static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    internal static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    private static readonly ConditionalWeakTable<VietnixSession, SessionNames> Caches = new();

    // Parameters that name another sign-in, endpoint or owner: this session's names would be the wrong ones.
    private static readonly string[] ElsewhereParameters =
    [
        "Cloud", "AuthUrl", "Credential", "ApplicationCredential", "Token", "Context", "Endpoint",
        "ProjectId", "ProjectName", "ProjectDomainName", "ProjectDomainId", "UserDomainName", "UserDomainId",
        "Region", "Interface", "ApiVersion", "SkipCertificateCheck", "CACertificatePath", "UserId",
    ];

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (fakeBoundParameters is not null && ElsewhereParameters.Any(fakeBoundParameters.Contains))
        {
            return [];
        }

        if (SessionStore.Current is not { IsDisposed: false } session || !TokenLastsWithoutRenewal(session))
        {
            return [];
        }

        var names = Caches.GetValue(session, _ => new SessionNames(session)).Get();
        return names is null ? [] : CompletionResults.For(wordToComplete, names);
    }

    /// <summary>Forgets the names read for <paramref name="session"/>, after the module changed its key pairs.</summary>
    internal static void Forget(VietnixSession? session)
    {
        if (session is not null && Caches.TryGetValue(session, out var names))
        {
            names.Cache.Forget();
        }
    }

    // A Keystone session renews its token when it has less than MinimumLife left: a completer must not cause that.
    private static bool TokenLastsWithoutRenewal(VietnixSession session) =>
        session.Keystone is not { } keystone
        || (keystone.Current is { } token && token.ExpiresAt - DateTimeOffset.UtcNow > KeystoneTokenProvider.MinimumLife + TimeSpan.FromSeconds(30));

    // The names of one session, read through a client of its own that shares the session's token, so
    // the completer's requests never show in the next command's -Verbose output and are not retried.
    private sealed class SessionNames(VietnixSession session)
    {
        private readonly object _gate = new();
        private ComputeSession? _reader;

        public CompletionCache<string[]> Cache { get; } = new(Lifetime);

        public string[]? Get() => Cache.Get(ReadAsync, Wait);

        private async Task<string[]> ReadAsync()
        {
            using var timeout = new CancellationTokenSource(ReadTimeout);
            var keyPairs = await Reader().Service.KeyPairs.ListAsync(new KeyPairListRequest(), timeout.Token).ConfigureAwait(false);
            return keyPairs.Select(keyPair => keyPair.Name).OrderBy(name => name, StringComparer.OrdinalIgnoreCase).ToArray();
        }

        private ComputeSession Reader()
        {
            lock (_gate)
            {
                return _reader ??= session.Compute.SignIn.Derive(
                    session.Compute,
                    new ClientSettings(VietnixCmdlet.UserAgent, ReadTimeout, new RetryPolicy(new RetrySettings { MaxRetries = 0 })),
                    DiscardingLog.Instance);
            }
        }
    }

}
