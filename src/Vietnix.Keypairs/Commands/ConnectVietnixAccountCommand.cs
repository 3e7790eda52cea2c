using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using Vietnix.Keypairs.Client.Identity;
using Vietnix.Keypairs.Completion;
using Vietnix.Keypairs.Internal;

namespace Vietnix.Keypairs.Commands;

/// <summary>
/// Connects this PowerShell session (runspace) to Vietnix Cloud: with a Keystone password or
/// application credential, with a token, with a cloud of clouds.yaml, or, given nothing, with the
/// OS_* variables of an openrc file (or OS_CLOUD). Nothing is written to disk.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "VietnixAccount", DefaultParameterSetName = EnvironmentSet)]
[OutputType(typeof(VietnixContext))]
public sealed class ConnectVietnixAccountCommand : ConnectingCmdlet
{
    private const string TokenSet = "Token";
    private const string PasswordSet = "Password";
    private const string ApplicationCredentialSet = "ApplicationCredential";
    private const string CloudSet = "Cloud";
    private const string EnvironmentSet = "Environment";

    /// <summary>A token: used directly with -Endpoint or -ProjectId, or exchanged at -AuthUrl for a project-scoped one.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
    public SecureString Token { get; set; } = null!;

    /// <summary>A Keystone user name and password.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PasswordSet)]
    [Credential]
    public PSCredential Credential { get; set; } = null!;

    /// <summary>An application credential: its id as the user name, its secret as the password.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ApplicationCredentialSet)]
    public PSCredential ApplicationCredential { get; set; } = null!;

    /// <summary>Keystone's address; OS_AUTH_URL when not given.</summary>
    [Parameter(ParameterSetName = TokenSet)]
    [Parameter(ParameterSetName = PasswordSet)]
    [Parameter(ParameterSetName = ApplicationCredentialSet)]
    public Uri? AuthUrl { get; set; }

    // In the application credential set too, only so that naming a project with one gets an
    // error that explains why, rather than PowerShell's "parameter set cannot be resolved".
    [Parameter(ParameterSetName = TokenSet)]
    [Parameter(ParameterSetName = PasswordSet)]
    [Parameter(ParameterSetName = ApplicationCredentialSet)]
    public string? ProjectId { get; set; }

    [Parameter(ParameterSetName = TokenSet)]
    [Parameter(ParameterSetName = PasswordSet)]
    [Parameter(ParameterSetName = ApplicationCredentialSet)]
    public string? ProjectName { get; set; }

    [Parameter(ParameterSetName = TokenSet)]
    [Parameter(ParameterSetName = PasswordSet)]
    public string? ProjectDomainName { get; set; }

    [Parameter(ParameterSetName = TokenSet)]
    [Parameter(ParameterSetName = PasswordSet)]
    public string? ProjectDomainId { get; set; }

    [Parameter(ParameterSetName = PasswordSet)]
    public string? UserDomainName { get; set; }

    [Parameter(ParameterSetName = PasswordSet)]
    public string? UserDomainId { get; set; }

    /// <summary>A cloud of clouds.yaml (with secure.yaml merged over it).</summary>
    [Parameter(Mandatory = true, ParameterSetName = CloudSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CloudNameCompleter))]
    public string Cloud { get; set; } = null!;

    /// <summary>
    /// Kept so that scripts written for earlier versions work: the command now always writes the
    /// new context (as a one-line summary), with or without -PassThru.
    /// </summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        DeferredFormatData.EnsureLoaded(this);
        var given = ReadGivenSignIn();
        var config = PrepareSignIn(() => ConnectionResolver.Resolve(given, null, ConnectionResolver.ProcessEnvironment(), CurrentDirectory, WriteWarning)
            ?? throw NothingToConnectWith());

        // A script must not go on unconnected, so every failure here ends the command and leaves
        // the previous connection in place; the token this attempt obtained is revoked.
        var session = SignIn(config, config.Source, GivenTuning);
        try
        {
            WarnAboutTransport(session);

            // One small authenticated call proves that endpoint, token and project work together.
            TryInvoke(session, (compute, cancellationToken) => compute.VerifyAccessAsync(cancellationToken), session.Service.Endpoint, terminateOnFailure: true);
        }
        catch
        {
            Discard(session);
            throw;
        }

        // The new connection is in place before the old one is let go, so Ctrl+C while the old
        // token is being revoked leaves the runspace connected, and the old session disposed.
        var previous = SessionStore.Current;
        SessionStore.Detach(Runspace.DefaultRunspace);
        SessionStore.Replace(Runspace.DefaultRunspace, session);
        if (previous is not null)
        {
            try
            {
                RevokeToken(previous);
            }
            finally
            {
                previous.Dispose();
            }
        }

        var context = session.ToContext();
        WriteVerbose($"Connected to {context.Endpoint} as {context.UserName ?? "the token's user"} in project {context.ProjectName ?? context.ProjectId} ({context.Source}), compute microversion {context.ApiVersion}{(context.ExpiresAt is { } expires ? $"; the token expires at {expires:u}" : string.Empty)}.");
        if (session.Keystone?.Current is { } token)
        {
            WriteDebug($"Signed in with token {token.Fingerprint}.");
        }

        // As Connect-AzAccount shows its context: one line saying who is connected where. The
        // object is the context itself (Get-VietnixContext's), shown with a one-line table view,
        // so $ctx = Connect-VietnixAccount … gives what -Context takes. -PassThru gives the same.
        WriteObject(FormatViews.WithViewOf(context, "Connected"));
    }

    private static VietnixSignInException NothingToConnectWith() =>
        new(SignInProblem.Incomplete, "Nothing to connect with: no sign-in parameters, and neither OS_CLOUD nor the OS_* variables are set.") { Setting = SignInSetting.Credential };
}
