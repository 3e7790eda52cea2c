using System;
using System.Management.Automation;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Configuration;
using Vietnix.Keypairs.Client.Identity;
using Vietnix.Keypairs.Completion;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// The commands that sign in (Connect-VietnixAccount and every key pair command): the parameters
/// that say where and how to connect, declared once here, and the steps from what a command was
/// given to a session. Who signs in (-Token, -Credential, -Cloud, …) is declared by each command,
/// because Connect-VietnixAccount puts those in parameter sets and the key pair commands do not.
/// </summary>
public abstract class ConnectingCmdlet : VietnixCmdlet
{
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>The catalog interface: public (the default), internal or admin.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(InterfaceCompleter))]
    public string? Interface { get; set; }

    /// <summary>The compute endpoint, instead of the catalog's (or of Vietnix Cloud's for -ProjectId).</summary>
    [Parameter]
    public Uri? Endpoint { get; set; }

    /// <summary>The compute microversion (default 2.72), or latest.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ApiVersionCompleter))]
    public string? ApiVersion { get; set; }

    /// <summary>Accept any TLS certificate. For test clouds only.</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>A CA certificate file to trust, for clouds with a private CA.</summary>
    [Parameter]
    public string? CACertificatePath { get; set; }

    /// <summary>Retries of a request that is harmless to repeat (default 2, so 3 attempts); 0 turns them off.</summary>
    [Parameter]
    [ValidateRange(0, 10)]
    public int? MaxRetries { get; set; }

    /// <summary>Seconds one attempt of a request may take (default 30).</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int? TimeoutSec { get; set; }

    /// <summary>
    /// The sign-in and connection parameters this command was given, read once; a combination that
    /// cannot mean anything ends the command before anything is read or sent.
    /// </summary>
    internal SignInParameters ReadGivenSignIn() =>
        PrepareSignIn(() => SignInParameters.Read(MyInvocation.BoundParameters, GetUnresolvedProviderPathFromPSPath));

    /// <summary>-MaxRetries and -TimeoutSec as given; null where not.</summary>
    internal ConnectionTuning GivenTuning => new() { MaxRetries = MaxRetries, TimeoutSec = TimeoutSec };

    /// <summary>
    /// Runs one step of working out a connection; what it finds wrong (a parameter, clouds.yaml, an
    /// incomplete sign-in) ends the command before anything is sent.
    /// </summary>
    internal T PrepareSignIn<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception exception) when (exception is ArgumentException or VietnixSignInException or CloudConfigException)
        {
            ThrowTerminatingError(ErrorMapper.MapConnectionProblem(exception));
            throw;
        }
    }

    /// <summary>Signs in with <paramref name="config"/>, its notes going to -Verbose; a failure ends the command.</summary>
    internal VietnixSession SignIn(CloudConfig config, object? target, ConnectionTuning tuning)
    {
        var signIn = PrepareSignIn(() => ReadSignIn(config));
        foreach (var note in signIn.Notes)
        {
            WriteVerbose(note);
        }

        // Said before the first byte goes out: the compute endpoint, when it comes from the catalog,
        // is warned about once the catalog is known, before the first compute request.
        WarnAboutTransport(signIn.Transport.SkipCertificateCheck, [.. signIn.KnownServers]);
        var log = new PipelineRequestLog();
        var retries = tuning.CreatePolicy(Environment.GetEnvironmentVariable);
        var settings = new ClientSettings(UserAgent, tuning.Timeout, retries);
        TryRun(log, cancellationToken => signIn.OpenAsync(settings, log, cancellationToken), target, out var compute, terminateOnFailure: true);
        return new VietnixSession(config, compute, log) { Tuning = tuning, Retries = retries };
    }

    // A missing password or secret is asked for where a person can type it; elsewhere the error
    // says which parameter and OS_* variable give it, and why there was no prompt.
    private SignInDescription ReadSignIn(CloudConfig config)
    {
        try
        {
            return SignInReader.Read(config, GetUnresolvedProviderPathFromPSPath);
        }
        catch (VietnixSignInException missing) when (SecretPrompt.IsAbout(missing, config))
        {
            if (SecretPrompt.WhyNotInteractive(Host, Environment.GetEnvironmentVariable) is { } why)
            {
                throw new VietnixSignInException(missing.Problem, $"{missing.Message} No prompt was shown: {why}.", missing) { Setting = missing.Setting };
            }

            using var secret = SecretPrompt.Ask(Host, missing, config)
                ?? throw new VietnixSignInException(missing.Problem, $"{missing.Message} Nothing was typed at the prompt.", missing) { Setting = missing.Setting };
            return SignInReader.Read(config.WithAnsweredSecret(secret, "typed at the prompt"), GetUnresolvedProviderPathFromPSPath);
        }
    }

    /// <summary>
    /// A session for this command that keeps <paramref name="parent"/>'s sign-in (its token) but
    /// reaches the endpoint, region or microversion of <paramref name="config"/>.
    /// </summary>
    internal VietnixSession Derive(VietnixSession parent, CloudConfig config, ConnectionTuning commandTuning)
    {
        var signIn = PrepareSignIn(() => SignInReader.Read(config, GetUnresolvedProviderPathFromPSPath));

        // The same settings share the session's retry budget; a command's own settings get a budget of its own.
        var tuning = commandTuning.Over(parent.Tuning);
        var retries = commandTuning.IsEmpty ? parent.Retries : tuning.CreatePolicy(Environment.GetEnvironmentVariable);
        var log = new PipelineRequestLog();
        var compute = PrepareSignIn(() => signIn.Derive(parent.Compute, new ClientSettings(UserAgent, tuning.Timeout, retries), log));
        return new VietnixSession(config, compute, log) { Tuning = tuning, Retries = retries };
    }
}
