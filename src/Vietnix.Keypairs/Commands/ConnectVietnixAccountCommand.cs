using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using Vietnix.Keypairs.Internal;

namespace Vietnix.Keypairs.Commands;

/// <summary>Connects this PowerShell session (runspace) to Vietnix Cloud's compute API with a token.</summary>
[Cmdlet(VerbsCommunications.Connect, "VietnixAccount")]
[OutputType(typeof(VietnixContext))]
public sealed class ConnectVietnixAccountCommand : VietnixCmdlet
{
    /// <summary>A project-scoped Keystone token.</summary>
    [Parameter(Mandatory = true)]
    public SecureString Token { get; set; } = null!;

    /// <summary>The project (tenant) id the token is scoped to.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string ProjectId { get; set; } = null!;

    /// <summary>The compute endpoint; by default Vietnix Cloud's endpoint for the project.</summary>
    [Parameter]
    public Uri? Endpoint { get; set; }

    /// <summary>The compute microversion (default 2.72), or latest.</summary>
    [Parameter]
    public string? ApiVersion { get; set; }

    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>Emit the new context.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        ConnectionSettings settings;
        try
        {
            settings = ConnectionResolver.Resolve(
                new ConnectionParameters { Token = Token, ProjectId = ProjectId, Endpoint = Endpoint, ApiVersion = ApiVersion, SkipCertificateCheck = SkipCertificateCheck.IsPresent },
                session: null);
        }
        catch (ArgumentException exception)
        {
            ThrowTerminatingError(ErrorMapper.Create(exception, ErrorIds.InvalidConnectionParameters, ErrorCategory.InvalidArgument, null));
            return;
        }

        WarnIfCertificateChecksAreOff(settings);
        var session = VietnixSession.Open(settings, UserAgent);

        // Settling the microversion and making one authenticated call now proves the endpoint,
        // token and project work together, and shows any clamping at once. A script must not go
        // on unconnected, so every failure here ends the command.
        try
        {
            TryInvoke(session, (client, cancellationToken) => client.VerifyAccessAsync(cancellationToken), settings.Endpoint, terminateOnFailure: true);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        SessionStore.Replace(Runspace.DefaultRunspace, session);
        WriteVerbose($"Connected to {settings.Endpoint} (project {settings.ProjectId}) with compute microversion {session.Negotiation?.Negotiated}.");
        if (PassThru)
        {
            WriteObject(session.ToContext());
        }
    }
}
