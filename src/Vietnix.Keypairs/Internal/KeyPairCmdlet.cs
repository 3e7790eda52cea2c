using System;
using System.Management.Automation;
using System.Security;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// The key pair commands: each takes the connection parameters itself, so a runbook can make one
/// call without Connect-VietnixAccount. Given parameters win over the runspace's session.
/// </summary>
public abstract class KeyPairCmdlet : VietnixCmdlet
{
    private static readonly string[] ConnectionParameterNames = [nameof(Token), nameof(ProjectId), nameof(Endpoint), nameof(ApiVersion), nameof(SkipCertificateCheck)];

    private VietnixSession? _session;
    private bool _ownsSession;

    /// <summary>A project-scoped token for this call only.</summary>
    [Parameter]
    public SecureString? Token { get; set; }

    /// <summary>The project for this call; without -Endpoint it selects Vietnix Cloud's endpoint for it.</summary>
    [Parameter]
    public string? ProjectId { get; set; }

    /// <summary>The compute endpoint for this call.</summary>
    [Parameter]
    public Uri? Endpoint { get; set; }

    /// <summary>The compute microversion for this call (e.g. 2.72, or latest).</summary>
    [Parameter]
    public string? ApiVersion { get; set; }

    /// <summary>Accept any TLS certificate for this call. For test clouds only.</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    internal VietnixSession Session => _session ?? throw new InvalidOperationException("BeginProcessing has not resolved the session.");

    protected override void BeginProcessing()
    {
        var current = SessionStore.Current;
        if (!HasConnectionParameters())
        {
            if (current is null)
            {
                ThrowTerminatingError(NotConnected());
            }

            _session = current;
            WarnIfCertificateChecksAreOff(current!.Settings);
            return;
        }

        ConnectionSettings settings;
        try
        {
            settings = ConnectionResolver.Resolve(
                new ConnectionParameters
                {
                    Token = Token,
                    ProjectId = ProjectId,
                    Endpoint = Endpoint,
                    ApiVersion = ApiVersion,
                    SkipCertificateCheck = MyInvocation.BoundParameters.ContainsKey(nameof(SkipCertificateCheck)) ? SkipCertificateCheck.IsPresent : null,
                },
                current?.Settings);
        }
        catch (ArgumentException exception)
        {
            ThrowTerminatingError(ErrorMapper.Create(exception, ErrorIds.InvalidConnectionParameters, ErrorCategory.InvalidArgument, null));
            return;
        }

        WarnIfCertificateChecksAreOff(settings);
        _session = VietnixSession.Open(settings, UserAgent);
        _ownsSession = true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsSession)
        {
            _session?.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool HasConnectionParameters() =>
        Array.Exists(ConnectionParameterNames, MyInvocation.BoundParameters.ContainsKey);

    private static ErrorRecord NotConnected() => ErrorMapper.Create(
        new InvalidOperationException("You are not connected to Vietnix Cloud in this PowerShell session."),
        ErrorIds.NotConnected,
        ErrorCategory.AuthenticationError,
        null,
        "Run Connect-VietnixAccount -Token <SecureString> -ProjectId <id>, or pass -Token and -ProjectId (or -Endpoint) to this command.");
}
