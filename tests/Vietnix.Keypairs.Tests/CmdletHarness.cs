using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using Moq;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Configuration;
using Vietnix.Keypairs.Commands;
using Vietnix.Keypairs.Internal;

namespace Vietnix.Keypairs.Tests;

/// <summary>
/// A runspace with the module's cmdlets whose session wraps a mocked client, so each test decides
/// what the API answers and can check exactly what the cmdlets asked for.
/// </summary>
internal sealed class CmdletHarness : IDisposable
{
    public static readonly Type[] CmdletTypes =
    [
        typeof(ConnectVietnixAccountCommand), typeof(DisconnectVietnixAccountCommand), typeof(GetVietnixContextCommand),
        typeof(NewVietnixKeyPairCommand), typeof(ImportVietnixKeyPairCommand), typeof(GetVietnixKeyPairCommand),
        typeof(RemoveVietnixKeyPairCommand), typeof(TestVietnixKeyPairCommand), typeof(GetVietnixPublicKeyInfoCommand),
    ];

    private const string TerminatingVariable = "VietnixTestTerminatingError";

    public CmdletHarness(bool connected = true)
    {
        var state = InitialSessionState.CreateDefault2();
        foreach (var type in CmdletTypes)
        {
            var attribute = (CmdletAttribute)Attribute.GetCustomAttribute(type, typeof(CmdletAttribute))!;
            state.Commands.Add(new SessionStateCmdletEntry($"{attribute.VerbName}-{attribute.NounName}", type, null));
        }

        Runspace = RunspaceFactory.CreateRunspace(state);
        Runspace.Open();
        Compute.Setup(compute => compute.Dispose());
        Compute.SetupGet(compute => compute.Endpoint).Returns(new Uri("https://api.vietnix.cloud:8774/v2.1/project-1"));
        Compute.SetupGet(compute => compute.KeyPairs).Returns(Client.Object);
        UseMicroversion(ApiVersionRequest.Default);
        if (connected)
        {
            Session = new VietnixSession(
                new CloudConfig { Source = "the test", ProjectId = "project-1", Token = Secure("test-token"), ComputeEndpointOverride = Compute.Object.Endpoint.AbsoluteUri },
                Compute.Object,
                new PipelineRequestLog());
            SessionStore.Replace(Runspace, Session);
        }
    }

    public Runspace Runspace { get; }

    /// <summary>Makes the mocked compute service settle on what <paramref name="request"/> gives against a server serving 2.1 to 2.93.</summary>
    public void UseMicroversion(ApiVersionRequest request)
    {
        var negotiation = ApiVersionNegotiation.Negotiate(request, ComputeApiVersion.V2_1, new ComputeApiVersion(2, 93));
        Compute.SetupGet(compute => compute.Negotiation).Returns(negotiation);
        Compute.Setup(compute => compute.NegotiateAsync(It.IsAny<System.Threading.CancellationToken>())).ReturnsAsync(negotiation);
    }

    /// <summary>The session's compute service: endpoint, microversion, and <see cref="Client"/> as its key pairs.</summary>
    public Mock<IComputeService> Compute { get; } = new(MockBehavior.Strict);

    public Mock<IKeyPairClient> Client { get; } = new(MockBehavior.Strict);

    /// <summary>
    /// Every name reads back as absent. Server-side generation checks that its name is free first,
    /// so that a key pair there after a lost answer is known to be its own.
    /// </summary>
    public void NameIsFree() =>
        Client.Setup(client => client.GetAsync(It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<System.Threading.CancellationToken>()))
            .ThrowsAsync(ApiErrors.Status(404, "Keypair not found"));

    public VietnixSession? Session { get; }

    public InvocationResult Invoke(string script, IDictionary<string, object?>? variables = null)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = Runspace;
        foreach (var variable in variables ?? new Dictionary<string, object?>())
        {
            Runspace.SessionStateProxy.SetVariable(variable.Key, variable.Value);
        }

        // A terminating error ends the script's statement and lands in catch; non-terminating
        // errors only go to the error stream.
        Runspace.SessionStateProxy.SetVariable(TerminatingVariable, null);
        shell.AddScript($"try {{\n{script}\n}} catch {{ ${TerminatingVariable} = $_ }}");
        var output = shell.Invoke();
        var terminating = Runspace.SessionStateProxy.GetVariable(TerminatingVariable) as ErrorRecord;

        return new InvocationResult(
            output.Select(item => item.BaseObject).ToList(),
            shell.Streams.Error.ToList(),
            shell.Streams.Verbose.Select(record => record.Message).ToList(),
            shell.Streams.Warning.Select(record => record.Message).ToList(),
            shell.Streams.Debug.Select(record => record.Message).ToList(),
            terminating);
    }

    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var character in text)
        {
            secure.AppendChar(character);
        }

        return secure;
    }

    public void Dispose()
    {
        SessionStore.Replace(Runspace, null);
        Runspace.Dispose();
    }
}

internal sealed record InvocationResult(
    IReadOnlyList<object> Output,
    IReadOnlyList<ErrorRecord> Errors,
    IReadOnlyList<string> Verbose,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Debug,
    ErrorRecord? Terminating)
{
    public IReadOnlyList<KeyPair> KeyPairs => Output.OfType<KeyPair>().ToList();

    /// <summary>The ErrorIds as PowerShell qualifies them: "KeyPairNotFound,Vietnix.Keypairs.Commands.GetVietnixKeyPairCommand".</summary>
    public IReadOnlyList<string> ErrorIds => Errors.Select(error => error.FullyQualifiedErrorId).ToList();
}
