using System;
using System.IO;

namespace Vietnix.Keypairs.Client.Tests.Infrastructure;

/// <summary>tests/fixtures, copied next to the test assembly.</summary>
internal static class Fixtures
{
    public static string Root { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures");

    public static string Path(string relativePath) =>
        System.IO.Path.Combine(Root, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));

    public static string ReadText(string relativePath)
    {
        var path = Path(relativePath);
        return File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException($"Fixture '{relativePath}' is missing from the test output.", path);
    }
}
