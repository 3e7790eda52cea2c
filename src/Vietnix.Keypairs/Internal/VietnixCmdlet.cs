using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Http;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// What every command shares: Ctrl+C cancels the running request, client calls run on the
/// pipeline thread (so every Write* happens there), the client's log becomes -Verbose/-Debug
/// output, and failures become ErrorRecords.
/// </summary>
public abstract class VietnixCmdlet : PSCmdlet, IDisposable
{
    /// <summary>This many items in a row that cannot reach the endpoint end the command: it is down, not flaky.</summary>
    internal const int ConsecutiveFailureLimit = 5;

    /// <summary>Local work (an RSA key of 8192 bits takes seconds to minutes) shows progress after this long.</summary>
    internal static readonly TimeSpan ProgressDelay = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);
    private readonly CancellationTokenSource _stopping = new();
    private int _consecutiveUnreachable;
    private readonly HashSet<string> _warnedServers = new(StringComparer.OrdinalIgnoreCase);

    internal static string UserAgent { get; } =
        $"Vietnix.Keypairs/{typeof(VietnixCmdlet).Assembly.GetName().Version?.ToString(3)} PowerShell/{typeof(PSObject).Assembly.GetName().Version?.ToString(3)}";

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected override void StopProcessing() => _stopping.Cancel();

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopping.Dispose();
        }
    }

    /// <summary>
    /// Runs a call on the pipeline thread and writes what <paramref name="log"/> collected meanwhile.
    /// A failure is written as an error (or thrown, when it ends the command or
    /// <paramref name="terminateOnFailure"/> is set) with <paramref name="target"/> as its target and
    /// <paramref name="failureNote"/> added to its message; then false is returned.
    /// </summary>
    internal bool TryRun<T>(PipelineRequestLog log, Func<CancellationToken, Task<T>> call, object? target, out T result, bool terminateOnFailure = false, string? failureNote = null)
    {
        MappedError? error = null;
        result = default!;
        log.WantsBodies = DebugOutputWanted();
        try
        {
            result = call(_stopping.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception exception) when (ErrorMapper.TryMap(exception, target, out error))
        {
            // The filter has mapped it; the request log is written first, then the error.
        }

        WriteRequestLog(log);
        if (error is null)
        {
            NoteCallSucceeded();
            return true;
        }

        ReportCallFailure(error, target, terminateOnFailure, failureNote);
        return false;
    }

    /// <summary>
    /// Writes a failed call's error, with <paramref name="failureNote"/> added to its message, or
    /// throws it when it ends the command.
    /// </summary>
    internal void ReportCallFailure(MappedError error, object? target, bool terminateOnFailure, string? failureNote)
    {
        if (failureNote is not null)
        {
            error = error.WithNote(failureNote);
        }

        if (terminateOnFailure)
        {
            BeforeTerminating();
            ThrowTerminatingError(error.Record);
        }

        Report(error);
        var failure = error.Record.Exception;
        _consecutiveUnreachable = ErrorMapper.IsUnreachable(failure) ? _consecutiveUnreachable + 1 : 0;
        if (_consecutiveUnreachable >= ConsecutiveFailureLimit)
        {
            BeforeTerminating();
            ThrowTerminatingError(ErrorMapper.Create(
                new InvalidOperationException($"Stopping: {_consecutiveUnreachable} consecutive items failed to reach {ErrorMapper.ServerOf(failure)}. The last cause: {failure.Message}", failure),
                ErrorIds.EndpointUnreachable, ErrorCategory.ConnectionError, target,
                "The items after these were not tried. Check the endpoint (Get-VietnixContext shows it) and the service's status, then run the command again for the items that failed and those not tried."));
        }
    }

    /// <summary>A call of an item reached the server: the count of unreachable items in a row starts again.</summary>
    internal void NoteCallSucceeded() => _consecutiveUnreachable = 0;

    /// <summary>Cancels the command's requests: Ctrl+C, or a terminating error while items are in flight.</summary>
    internal CancellationToken StoppingToken => _stopping.Token;

    internal void CancelCommand() => _stopping.Cancel();

    /// <summary>Writes what the session's requests logged meanwhile, and the negotiated microversion once.</summary>
    internal void WriteSessionLog(VietnixSession session)
    {
        WriteRequestLog(session.Log);
        ReportNegotiation(session);
    }

    /// <summary>Whether -Debug output will show request and response bodies, so the log keeps them.</summary>
    internal void PrepareLog(PipelineRequestLog log) => log.WantsBodies = DebugOutputWanted();

    /// <summary>Writes the error of one item; a command with items in flight keeps it in input order.</summary>
    internal virtual void WriteItemError(ErrorRecord error) => WriteError(error);

    /// <summary>
    /// Runs a check that refuses, before ShouldProcess, what a change would refuse before sending.
    /// Its success says nothing about reaching the endpoint (the microversion it needs is usually
    /// settled already), so it leaves the count of items in a row that could not reach it alone.
    /// </summary>
    internal bool TryCheck(VietnixSession session, Func<IComputeService, CancellationToken, Task> check, object? target, string? failureNote = null)
    {
        var unreachable = _consecutiveUnreachable;
        if (!TryInvoke(session, check, target, failureNote: failureNote))
        {
            return false;
        }

        _consecutiveUnreachable = unreachable;
        return true;
    }

    /// <summary>The current location as a file system path, where clouds.yaml is looked for first.</summary>
    internal string CurrentDirectory => SessionState.Path.CurrentFileSystemLocation.ProviderPath;

    /// <summary>
    /// Lets go of a session nobody will use, from a failure or Ctrl+C: the token it obtained is revoked
    /// within a few seconds, quietly (nothing can be written then), and the session is disposed.
    /// </summary>
    internal static void Discard(VietnixSession session)
    {
        try
        {
            // Dispose and failure paths cannot await; the revocation has its own short time limit.
            session.Compute.RevokeQuietlyAsync().GetAwaiter().GetResult();
        }
        finally
        {
            session.Dispose();
        }
    }

    /// <summary>Runs a call on the compute service of <paramref name="session"/>; see <see cref="TryRun"/>.</summary>
    internal bool TryInvoke<T>(VietnixSession session, Func<IComputeService, CancellationToken, Task<T>> call, object? target, out T result, bool terminateOnFailure = false, string? failureNote = null)
    {
        var succeeded = TryRun(session.Log, cancellationToken => call(session.Service, cancellationToken), target, out result, terminateOnFailure, failureNote);
        ReportNegotiation(session);
        return succeeded;
    }

    internal bool TryInvoke(VietnixSession session, Func<IComputeService, CancellationToken, Task> call, object? target, bool terminateOnFailure = false, string? failureNote = null) =>
        TryInvoke(session, async (compute, cancellationToken) =>
        {
            await call(compute, cancellationToken).ConfigureAwait(false);
            return true;
        }, target, out _, terminateOnFailure, failureNote);

    internal void Report(MappedError error)
    {
        if (error.IsTerminating)
        {
            BeforeTerminating();
            ThrowTerminatingError(error.Record);
        }

        WriteItemError(error.Record);
    }

    /// <summary>Called before a terminating error is thrown; a command with items in flight writes theirs first.</summary>
    internal virtual void BeforeTerminating()
    {
    }

    /// <summary>
    /// ShouldProcess with the usual -Force meaning: -Force skips the confirmation prompt unless
    /// -Confirm was given explicitly, and -WhatIf still wins over -Force.
    /// </summary>
    internal bool ShouldProcessUnlessForced(string target, string action, bool force)
    {
        var whatIf = IsOn("WhatIf", "WhatIfPreference");
        if (force && !whatIf && !MyInvocation.BoundParameters.ContainsKey("Confirm"))
        {
            return true;
        }

        return ShouldProcess(target, action);
    }

    /// <summary>
    /// Whether ShouldProcess could prompt or write a What-if line: -WhatIf, -Confirm, or the
    /// command's ConfirmImpact at or above $ConfirmPreference. Otherwise it answers yes.
    /// </summary>
    internal bool ShouldProcessCanPromptOrReport()
    {
        if (IsOn("WhatIf", "WhatIfPreference"))
        {
            return true;
        }

        if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm))
        {
            return ((SwitchParameter)confirm).IsPresent;
        }

        var impact = ((CmdletAttribute)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute))!).ConfirmImpact;
        return LanguagePrimitives.TryConvertTo<ConfirmImpact>(GetVariableValue("ConfirmPreference"), out var preference)
            && preference != ConfirmImpact.None
            && impact >= preference;
    }

    // A common switch given on the command, or else its preference variable.
    private bool IsOn(string parameter, string preferenceVariable) =>
        MyInvocation.BoundParameters.TryGetValue(parameter, out var given)
            ? ((SwitchParameter)given).IsPresent
            : LanguagePrimitives.IsTrue(GetVariableValue(preferenceVariable));

    /// <summary>Says, on every command, what in a connection is unsafe.</summary>
    internal void WarnAboutTransport(VietnixSession session) =>
        WarnAboutTransport(session.Compute.SignIn.Transport.SkipCertificateCheck, session.Service.Endpoint, session.AuthUrl);

    /// <summary>Warns once per command about each server reached without certificate checks or over plain http.</summary>
    internal void WarnAboutTransport(bool skipCertificateCheck, params Uri?[] servers)
    {
        foreach (var url in servers.OfType<Uri>())
        {
            var authority = url.GetLeftPart(UriPartial.Authority);
            if (!_warnedServers.Add(authority))
            {
                continue;
            }

            if (skipCertificateCheck)
            {
                WriteWarning($"TLS certificate checks are off for {authority}: anyone on the network path could read the token and the keys. Use this only against a test cloud; for a private CA, give its certificate with -CACertificatePath (OS_CACERT) instead.");
            }

            if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
            {
                WriteWarning($"{authority} is plain http: the token and the keys cross the network unencrypted. Use its https address.");
            }
        }
    }

    /// <summary>
    /// Revokes the token a session obtained, so a copy of it is worthless. A failure only warns:
    /// the session is being let go either way, and the token expires on its own. A token that was
    /// given, or borrowed from another session, is left alone.
    /// </summary>
    internal void RevokeToken(VietnixSession session)
    {
        if (!session.Compute.OwnsToken)
        {
            return;
        }

        var expiresAt = session.Keystone?.Current?.ExpiresAt;
        session.Log.WantsBodies = DebugOutputWanted();
        // The request's own -Verbose line comes first, then what it meant.
        try
        {
            session.Compute.RevokeAsync(_stopping.Token).GetAwaiter().GetResult();
            WriteRequestLog(session.Log);
            WriteVerbose("Revoked the session's token in Keystone (or found it already invalid).");
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception exception) when (ErrorMapper.TryMap(exception, null, out _))
        {
            WriteRequestLog(session.Log);
            WriteWarning($"The session's token could not be revoked, so it stays valid until it expires{(expiresAt is { } at ? $" at {at:u}" : string.Empty)}: {exception.Message}");
        }
    }

    // A progress bar only where a person watches: not under -NonInteractive (runbooks, CI), nor
    // when the console is redirected; $ProgressPreference is applied by PowerShell itself.
    internal static bool ProgressCanBeSeen() =>
        Environment.UserInteractive
        && !Console.IsInputRedirected
        && !Console.IsOutputRedirected
        && !Environment.GetCommandLineArgs().Skip(1).Any(SecretPrompt.IsNonInteractiveSwitch);


    // -Debug on the command wins (also -Debug:$false); otherwise $DebugPreference decides, which a
    // script may have set to a string ($DebugPreference = 'Continue' in a new scope is untyped).
    private bool DebugOutputWanted() =>
        MyInvocation.BoundParameters.TryGetValue("Debug", out var given)
            ? ((SwitchParameter)given).IsPresent
            : LanguagePrimitives.TryConvertTo<ActionPreference>(GetVariableValue("DebugPreference"), out var preference)
              && preference is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore);

    private void WriteRequestLog(PipelineRequestLog log)
    {
        while (log.TryTake(out var entry))
        {
            WriteLogEntry(entry);
        }
    }

    /// <summary>One request (or note) the client logged, as -Verbose and, with bodies, -Debug lines.</summary>
    internal void WriteLogEntry(RequestLogEntry entry)
    {
        WriteVerbose(entry.Summary());
        if (entry.RequestBody is not null)
        {
            WriteDebug($"{entry.Method} {entry.Url} request body: {entry.RequestBody}");
        }

        if (!string.IsNullOrEmpty(entry.ResponseBody))
        {
            WriteDebug($"{entry.Method} {entry.Url} response body: {entry.ResponseBody}");
        }
    }

    private void ReportNegotiation(VietnixSession session)
    {
        if (session.NegotiationReported || session.Service.Negotiation is not { } negotiation)
        {
            return;
        }

        // The -Verbose line was logged by the client as the negotiation was settled; only the warning is left.
        session.NegotiationReported = true;
        if (negotiation.Warning is { } warning)
        {
            WriteWarning(warning);
        }
    }
}
