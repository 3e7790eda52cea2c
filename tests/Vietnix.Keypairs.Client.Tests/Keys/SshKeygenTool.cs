using System;
using System.ComponentModel;
using System.Diagnostics;
using Xunit;

namespace Vietnix.Keypairs.Client.Tests.Keys;

/// <summary>Runs OpenSSH's ssh-keygen (on PATH; .ci/run installs openssh-client) as the reference tool.</summary>
internal static class SshKeygenTool
{
    /// <summary>Standard output and error together (ssh-keygen -Y writes its verdict to error), after asserting success.</summary>
    public static string Succeed(string? input, params string[] arguments)
    {
        var (exitCode, output) = Run(input, arguments);
        Assert.True(exitCode == 0, $"ssh-keygen {string.Join(' ', arguments)} exited with {exitCode}: {output}");
        return output;
    }

    /// <summary>The exit code with standard output and error together, for runs that are meant to fail too.</summary>
    public static (int ExitCode, string Output) Run(string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo("ssh-keygen", arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("ssh-keygen did not start.");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException("ssh-keygen is not on PATH; these tests need OpenSSH's client tools (apt-get install openssh-client).", exception);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(input ?? string.Empty);
            process.StandardInput.Close();
            process.WaitForExit();
            return (process.ExitCode, output.Result + error.Result);
        }
    }
}
