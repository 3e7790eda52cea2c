using System;
using System.Management.Automation;
using System.Security;
using Vietnix.Keypairs.Client.Configuration;
using Vietnix.Keypairs.Completion;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// The key pair commands. Each takes the sign-in parameters itself (and the connection ones of
/// <see cref="ConnectingCmdlet"/>), so a runbook can make one call without Connect-VietnixAccount.
/// What a command is given wins; the rest comes from -Cloud, then the runspace's session, then
/// OS_CLOUD, then the OS_* variables. A sign-in for one command lasts only for that command.
/// </summary>
public abstract class KeyPairCmdlet : ConnectingCmdlet
{
    private VietnixSession? _session;
    private bool _ownsSession;
    private bool _revoked;

    /// <summary>A token: used directly with -Endpoint or -ProjectId, or exchanged at -AuthUrl for a project-scoped one.</summary>
    [Parameter]
    public SecureString? Token { get; set; }

    /// <summary>A Keystone user name and password.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>An application credential: its id as the user name, its secret as the password.</summary>
    [Parameter]
    public PSCredential? ApplicationCredential { get; set; }

    /// <summary>Keystone's address (OS_AUTH_URL).</summary>
    [Parameter]
    public Uri? AuthUrl { get; set; }

    [Parameter]
    public string? ProjectId { get; set; }

    [Parameter]
    public string? ProjectName { get; set; }

    [Parameter]
    public string? ProjectDomainName { get; set; }

    [Parameter]
    public string? ProjectDomainId { get; set; }

    [Parameter]
    public string? UserDomainName { get; set; }

    [Parameter]
    public string? UserDomainId { get; set; }

    /// <summary>A cloud of clouds.yaml.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(CloudNameCompleter))]
    public string? Cloud { get; set; }

    /// <summary>
    /// A connection from Get-VietnixContext (or Connect-VietnixAccount -PassThru), used instead of
    /// this runspace's: the way to reach one sign-in from ForEach-Object -Parallel and thread jobs
    /// ($using:ctx). Every command gets its own client and log; the token, and its renewal, are shared.
    /// </summary>
    [Parameter]
    [ContextCopy]
    public VietnixContext? Context { get; set; }

    internal VietnixSession Session => _session ?? throw new InvalidOperationException("BeginProcessing has not resolved the session.");

    /// <summary>True for the commands that create or delete key pairs: the names -Name completes are read again after them.</summary>
    private protected virtual bool ChangesKeyPairs => false;

    protected override void BeginProcessing()
    {
        DeferredFormatData.EnsureLoaded(this);
        var given = ReadGivenSignIn();
        var tuning = GivenTuning;
        var current = Context is null ? SessionStore.Current : SessionOf(Context, given);
        if (given.IsEmpty && tuning.IsEmpty && current is not null && Context is null)
        {
            _session = current;
        }
        else
        {
            _session = Open(given, tuning, current);
            _ownsSession = true;
        }

        WarnAboutTransport(_session);
    }

    /// <summary>
    /// Revokes the token a sign-in for this command obtained, so no copy of it outlives the command.
    /// A command that overrides this calls it last.
    /// </summary>
    protected override void EndProcessing()
    {
        if (ChangesKeyPairs)
        {
            KeyPairNameCompleter.Forget(_session);
        }

        if (_ownsSession && _session is { } session && !_revoked)
        {
            RevokeToken(session);
            _revoked = true;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && ChangesKeyPairs)
        {
            // A command that failed or was stopped may have changed some key pairs before.
            KeyPairNameCompleter.Forget(_session);
        }

        if (disposing && _ownsSession && _session is { } session)
        {
            // A command that failed or was stopped did not reach EndProcessing: revoke quietly here.
            if (_revoked)
            {
                session.Dispose();
            }
            else
            {
                _revoked = true;
                Discard(session);
            }
        }

        base.Dispose(disposing);
    }

    private VietnixSession Open(SignInParameters given, ConnectionTuning tuning, VietnixSession? current)
    {
        if (current is not null && given.KeepsIdentity)
        {
            return Derive(current, given.Config is null ? current.Config : CloudConfig.Merge(given.Config, current.Config), tuning);
        }

        var config = PrepareSignIn(() => ConnectionResolver.Resolve(given, current?.Config, ConnectionResolver.ProcessEnvironment(), CurrentDirectory, WriteWarning));
        if (config is null)
        {
            ThrowTerminatingError(NotConnected());
        }

        return SignIn(config!, null, tuning);
    }

    // The context's live session, which this command derives its own client from (see Open).
    private VietnixSession SessionOf(VietnixContext context, SignInParameters given)
    {
        if (!given.KeepsIdentity)
        {
            ThrowTerminatingError(ErrorMapper.Create(
                new ArgumentException("-Context already says who signs in, so it cannot be combined with -Credential, -ApplicationCredential, -Token, -Cloud, -AuthUrl, the project and domain parameters, -SkipCertificateCheck or -CACertificatePath."),
                ErrorIds.InvalidConnectionParameters, ErrorCategory.InvalidArgument, null,
                "Pass -Context alone (with -Region, -Interface, -Endpoint or -ApiVersion if you need another endpoint), or the sign-in parameters without -Context. Nothing was sent."));
        }

        if (context.Session is not { IsDisposed: false } session)
        {
            ThrowTerminatingError(ErrorMapper.Create(
                new InvalidOperationException(context.Session is null
                    ? "This context has no connection in this process: it is a copy, such as one passed to Start-Job, which runs in another process. A context never carries a token or a secret."
                    : "This context's connection was closed by Disconnect-VietnixAccount or replaced by a newer Connect-VietnixAccount, and its token revoked."),
                ErrorIds.ContextNotUsable, ErrorCategory.InvalidArgument, null,
                "In the same process (ForEach-Object -Parallel, Start-ThreadJob), pass a context from Get-VietnixContext after Connect-VietnixAccount. In another process (Start-Job), sign in there: Connect-VietnixAccount, or OS_CLOUD or the OS_* variables."));
        }

        return context.Session!;
    }

    private static ErrorRecord NotConnected() => ErrorMapper.Create(
        new InvalidOperationException("You are not connected to Vietnix Cloud in this PowerShell session, and neither OS_CLOUD nor the OS_* variables of an openrc file are set."),
        ErrorIds.NotConnected,
        ErrorCategory.AuthenticationError,
        null,
        "Run Connect-VietnixAccount, or pass -Credential/-ApplicationCredential/-Token (with -AuthUrl, -ProjectName or -Endpoint as needed) or -Cloud to this command, or set OS_CLOUD or the OS_* variables.");

}
