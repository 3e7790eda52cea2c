using System;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using Vietnix.Keypairs.Client.Configuration;
using Vietnix.Keypairs.Client.Identity;

namespace Vietnix.Keypairs.Internal;

/// <summary>
/// Asks for a missing password or application credential secret, as python-openstackclient does,
/// but only where a person can answer: through the host's own prompt ($Host.UI, so any host that
/// prompts, and a test's host, can answer), never in a non-interactive session, where a prompt
/// would hang a runbook or a CI job until it times out.
/// </summary>
internal static class SecretPrompt
{
    // Set by CI services (GitHub Actions, Azure Pipelines, GitLab, Jenkins, …) and by Azure Automation's sandboxes.
    private static readonly string[] AutomationVariables = ["CI", "TF_BUILD", "GITHUB_ACTIONS", "JENKINS_URL", "AUTOMATION_ASSET_ACCOUNTID"];

    /// <summary>The missing secret the failure is about, when a prompt could supply it.</summary>
    public static bool IsAbout(VietnixSignInException failure, CloudConfig config) =>
        failure.Problem == SignInProblem.Incomplete
        && failure.Setting is SignInSetting.Password or SignInSetting.ApplicationCredentialSecret
        && config.AuthUrl is not null;

    /// <summary>
    /// Why nobody can be asked here, or null when the host can prompt: -NonInteractive, a CI job or
    /// runbook, a console with no input, or a host that has no prompt (a runspace with no UI).
    /// </summary>
    public static string? WhyNotInteractive(PSHost? host, Func<string, string?> environment)
    {
        if (host?.UI is null || host.Name is "Default Host" or "ServerRemoteHost")
        {
            return "this PowerShell host cannot prompt";
        }

        if (AutomationVariables.FirstOrDefault(name => !string.IsNullOrEmpty(environment(name))) is { } variable)
        {
            return $"this is an automated run ({variable} is set)";
        }

        // The console host's own switches and input; another host (VS Code, a test's) prompts through its UI.
        if (host.Name == "ConsoleHost")
        {
            if (Environment.GetCommandLineArgs().Skip(1).Any(IsNonInteractiveSwitch))
            {
                return "PowerShell runs with -NonInteractive";
            }

            if (!Environment.UserInteractive || Console.IsInputRedirected)
            {
                return "the console has no keyboard input";
            }
        }

        return null;
    }

    /// <summary>Asks for the secret <paramref name="failure"/> says is missing; null when nothing was typed.</summary>
    public static SecureString? Ask(PSHost host, VietnixSignInException failure, CloudConfig config)
    {
        var who = failure.Setting == SignInSetting.ApplicationCredentialSecret
            ? $"the secret of application credential {config.ApplicationCredentialId ?? config.ApplicationCredentialName}"
            : $"the password of {config.Username ?? config.UserId}";
        host.UI.Write($"Vietnix Cloud: {who} at {config.AuthUrl}: ");
        var secret = host.UI.ReadLineAsSecureString();
        if (secret is null || secret.Length == 0)
        {
            secret?.Dispose();
            return null;
        }

        secret.MakeReadOnly();
        return secret;
    }

    // pwsh and powershell.exe take any prefix of -NonInteractive from -noni on, with - or / (and -- on pwsh).
    internal static bool IsNonInteractiveSwitch(string argument)
    {
        var name = argument.TrimStart('-', '/');
        return name.Length >= 4 && name.Length < argument.Length
            && "noninteractive".StartsWith(name, StringComparison.OrdinalIgnoreCase);
    }
}
