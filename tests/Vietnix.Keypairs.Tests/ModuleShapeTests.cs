using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using Vietnix.Keypairs.Internal;
using Xunit;

namespace Vietnix.Keypairs.Tests;

public sealed class ModuleShapeTests
{
    private static readonly Assembly CmdletAssembly = typeof(KeyPair).Assembly;

    [Fact]
    public void TheCmdletAssemblyReferencesNoMicrosoftExtensionsOrJsonLibrary()
    {
        // Anything it referenced directly would be bound in PowerShell's shared context, outside the isolation.
        var references = CmdletAssembly.GetReferencedAssemblies().Select(reference => reference.Name!).ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal));
        Assert.DoesNotContain("System.Text.Json", references);
        Assert.Contains("Vietnix.Keypairs.Client", references);
    }

    [Fact]
    public void TheManifestExportsExactlyTheCmdletClasses()
    {
        // Arrange
        using var shell = PowerShell.Create();
        var manifest = (Hashtable)shell.AddCommand("Import-PowerShellDataFile").AddParameter("Path", Path.Combine(AppContext.BaseDirectory, "Vietnix.Keypairs.psd1")).Invoke()[0].BaseObject;
        var exported = ((object[])manifest["CmdletsToExport"]!).Cast<string>().Order();

        // Act
        var declared = CmdletAssembly.GetTypes()
            .Select(type => type.GetCustomAttribute<CmdletAttribute>())
            .OfType<CmdletAttribute>()
            .Select(attribute => $"{attribute.VerbName}-{attribute.NounName}")
            .Order();

        // Assert
        Assert.Equal(declared, exported);
        Assert.Equal(CmdletHarness.CmdletTypes.Length, declared.Count());
    }

    [Fact]
    public void EveryCmdletDeclaresItsOutputAndStateChangersSupportShouldProcess()
    {
        foreach (var type in CmdletHarness.CmdletTypes)
        {
            var cmdlet = type.GetCustomAttribute<CmdletAttribute>()!;
            Assert.NotNull(type.GetCustomAttribute<OutputTypeAttribute>());
            if (cmdlet.VerbName is "New" or "Import" or "Remove")
            {
                Assert.True(cmdlet.SupportsShouldProcess, $"{type.Name} must support -WhatIf.");
            }
        }

        Assert.Equal(ConfirmImpact.High, typeof(Commands.RemoveVietnixKeyPairCommand).GetCustomAttribute<CmdletAttribute>()!.ConfirmImpact);
    }
}
