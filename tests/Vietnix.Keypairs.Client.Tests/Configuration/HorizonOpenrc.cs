using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Vietnix.Keypairs.Client.Tests.Configuration;

/// <summary>
/// The two openrc scripts Horizon hands out (Project > API Access, and Identity > Application Credentials),
/// written after Horizon's templates, and a real bash to source them into an otherwise empty environment.
/// </summary>
internal static class HorizonOpenrc
{
    public const string TypedPassword = "typed at the read -sr prompt";

    public const string ApplicationCredentialSecret = "app-cred-secret-from-horizon";

    public const string PasswordScript = """
        #!/usr/bin/env bash
        # To use an OpenStack cloud you need to authenticate against the Identity
        # service named keystone, which returns a **Token** and **Service Catalog**.
        export OS_AUTH_URL=https://api.vietnix.cloud:5000/v3
        # With the addition of Keystone we have standardized on the term **project**
        # as the entity that owns the resources.
        export OS_PROJECT_ID=8a3f2f3c9d8e4c0fb1b2a6c1d7e9f012
        export OS_PROJECT_NAME="demo-project"
        export OS_USER_DOMAIN_NAME="Default"
        if [ -z "$OS_USER_DOMAIN_NAME" ]; then unset OS_USER_DOMAIN_NAME; fi
        export OS_PROJECT_DOMAIN_ID="default"
        if [ -z "$OS_PROJECT_DOMAIN_ID" ]; then unset OS_PROJECT_DOMAIN_ID; fi
        # unset v2.0 items in case set
        unset OS_TENANT_ID
        unset OS_TENANT_NAME
        # In addition to the owning entity (tenant), OpenStack stores the entity
        # performing the action as the **user**.
        export OS_USERNAME="demo"
        # With Keystone you pass the keystone password.
        echo "Please enter your OpenStack Password for project $OS_PROJECT_NAME as user $OS_USERNAME: "
        read -sr OS_PASSWORD_INPUT
        export OS_PASSWORD=$OS_PASSWORD_INPUT
        # If your configuration has multiple regions, we set that information here.
        # OS_REGION_NAME is optional and only valid in certain environments.
        export OS_REGION_NAME="HaNoi"
        # Don't leave a blank variable, unset it if it was empty
        if [ -z "$OS_REGION_NAME" ]; then unset OS_REGION_NAME; fi
        export OS_INTERFACE=public
        export OS_IDENTITY_API_VERSION=3
        """;

    public const string ApplicationCredentialScript = $"""
        #!/usr/bin/env bash
        export OS_AUTH_TYPE=v3applicationcredential
        export OS_AUTH_URL=https://api.vietnix.cloud:5000/v3
        export OS_IDENTITY_API_VERSION=3
        export OS_REGION_NAME="HaNoi"
        export OS_INTERFACE=public
        export OS_APPLICATION_CREDENTIAL_ID=4c6d1f0a2b3e4d5f8a9b0c1d2e3f4a5b
        export OS_APPLICATION_CREDENTIAL_SECRET={ApplicationCredentialSecret}
        """;

    /// <summary>The environment after `source script` in a shell that started with no variables but PATH.</summary>
    public static IReadOnlyDictionary<string, string?> Source(string script, string typedInput)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, script.Replace("\r\n", "\n"));
            var start = new ProcessStartInfo("bash", ["--noprofile", "--norc", "-c", "source \"$0\" > /dev/null && env -0", file])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            start.Environment.Clear();
            start.Environment["PATH"] = "/usr/bin:/bin";

            using var bash = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
            // A script that prompts for nothing can exit before anything is written to it, and a
            // write then fails with a broken pipe; so write only what a prompt will read.
            if (typedInput.Length > 0)
            {
                bash.StandardInput.WriteLine(typedInput);
            }

            bash.StandardInput.Close();
            var output = bash.StandardOutput.ReadToEnd();
            bash.WaitForExit();
            Assert.Equal(0, bash.ExitCode);

            return output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => (string?)pair[1]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
