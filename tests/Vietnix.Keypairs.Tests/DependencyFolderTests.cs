using System;
using System.IO;
using System.Reflection;
using Vietnix.Keypairs.Internal;
using Xunit;

namespace Vietnix.Keypairs.Tests;

public sealed class DependencyFolderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vietnix-deps-").FullName;
    private readonly Assembly _cmdletAssembly = typeof(KeyPair).Assembly;

    public DependencyFolderTests() => File.WriteAllBytes(Path.Combine(_folder, "Microsoft.Extensions.Http.dll"), [0]);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void OnPowerShell7OnlyTheCmdletAssemblysRequestsAreAnswered()
    {
        var folder = new DependencyFolder(_folder);
        var name = new AssemblyName("Microsoft.Extensions.Http, Version=8.0.0.0");

        Assert.True(folder.ShouldServe(name, _cmdletAssembly, _cmdletAssembly, isCoreClr: true, out var path));
        Assert.Equal(Path.Combine(_folder, "Microsoft.Extensions.Http.dll"), path);
        Assert.False(folder.ShouldServe(name, typeof(object).Assembly, _cmdletAssembly, isCoreClr: true, out _));
        Assert.False(folder.ShouldServe(name, null, _cmdletAssembly, isCoreClr: true, out _));
    }

    [Fact]
    public void OnWindowsPowerShellRequestsWithoutARequesterAreAnsweredAtAnyVersion()
    {
        // .NET Framework often reports no requester, and 5.1 has no binding redirects for modules.
        var folder = new DependencyFolder(_folder);

        Assert.True(folder.ShouldServe(new AssemblyName("Microsoft.Extensions.Http, Version=6.0.0.0"), null, _cmdletAssembly, isCoreClr: false, out _));
        Assert.False(folder.ShouldServe(new AssemblyName("Microsoft.Extensions.Http"), typeof(object).Assembly, _cmdletAssembly, isCoreClr: false, out _));
    }

    [Fact]
    public void AssembliesThatAreNotInTheFolderAreLeftToPowerShell()
    {
        var folder = new DependencyFolder(_folder);

        Assert.False(folder.ShouldServe(new AssemblyName("Newtonsoft.Json"), _cmdletAssembly, _cmdletAssembly, isCoreClr: true, out _));
        Assert.Null(folder.FileFor(new AssemblyName("System.Text.Json")));
    }
}
