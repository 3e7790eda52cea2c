using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Vietnix.Keypairs.Internal;
using Xunit;

namespace Vietnix.Keypairs.Tests;

/// <summary>
/// Scripts cannot catch this module's errors by exception type (the client's types live in an
/// isolated load context), so every error the module writes must carry a stable ErrorId from
/// <see cref="ErrorIds"/>, and about_Vietnix_Keypairs must list each one.
/// </summary>
public class ErrorIdCoverageTests
{
    private static readonly string RepositoryRoot = FindRepositoryRoot();

    private static string[] ErrorIdNames => typeof(ErrorIds)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(constant => constant.IsLiteral)
        .Select(constant => constant.Name)
        .ToArray();

    [Fact]
    public void EachErrorIdIsItsOwnNameAndUnique()
    {
        var fields = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static).Where(constant => constant.IsLiteral).ToList();

        Assert.NotEmpty(fields);
        Assert.All(fields, field => Assert.Equal(field.Name, (string)field.GetRawConstantValue()!));
        Assert.Equal(fields.Count, fields.Select(constant => (string)constant.GetRawConstantValue()!).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void ErrorRecordsAreMadeOnlyByTheErrorMapper()
    {
        var makers = SourceFiles()
            .Where(file => Regex.IsMatch(File.ReadAllText(file), @"new\s+ErrorRecord\s*\(|new\s*\(\s*exception\s*,\s*errorId"))
            .Select(Path.GetFileName)
            .ToList();

        Assert.Equal(new[] { "ErrorMapper.cs" }, makers);
    }

    [Fact]
    public void EveryErrorRecordTheMapperMakesTakesAKnownErrorId()
    {
        var calls = SourceFiles()
            .SelectMany(file => Regex.Matches(File.ReadAllText(file), @"ErrorMapper\.Create\((?>[^(),]+|\((?>[^()]+|\((?>[^()]+|\([^()]*\))*\))*\))*,\s*(?<id>[^,]+),")
                .Cast<Match>()
                .Select(match => (File: Path.GetFileName(file), Id: match.Groups["id"].Value.Trim())))
            .ToList();
        var mapper = File.ReadAllText(Path.Combine(RepositoryRoot, "src", "Vietnix.Keypairs", "Internal", "ErrorMapper.cs"));
        var mapperIds = Regex.Matches(mapper, @"(?:Record|Terminating|Create|ErrorRecord)\((?:[^,()]+|\([^()]*\))+,\s*(?<id>ErrorIds\.\w+|[a-zA-Z]+)\s*,")
            .Cast<Match>()
            .Select(match => (File: "ErrorMapper.cs", Id: match.Groups["id"].Value));

        // More than a handful, or the pattern above no longer finds the calls and proves nothing.
        Assert.True(calls.Count > 20, $"Found only {calls.Count} ErrorMapper.Create calls.");
        Assert.All(calls.Concat(mapperIds), call =>
            Assert.True(
                call.Id == "errorId" || (call.Id.StartsWith("ErrorIds.", StringComparison.Ordinal) && ErrorIdNames.Contains(call.Id.Substring("ErrorIds.".Length))),
                $"{call.File}: an error is made with '{call.Id}', not an ErrorIds constant."));
    }

    [Fact]
    public void AnEmptyErrorIdIsRefused()
    {
        Assert.Throws<ArgumentException>(() => ErrorMapper.Create(new InvalidOperationException("x"), "", System.Management.Automation.ErrorCategory.NotSpecified, null));
    }

    [Fact]
    public void AboutHelpListsEveryErrorIdAndTellsScriptsToCatchByIt()
    {
        var about = File.ReadAllText(Path.Combine(RepositoryRoot, "src", "Vietnix.Keypairs", "help", "about_Vietnix_Keypairs.md"));

        Assert.All(ErrorIdNames, id => Assert.True(Regex.IsMatch(about, $@"\b{id}\b"), $"about_Vietnix_Keypairs does not explain the ErrorId {id}."));
        Assert.Contains("catch { if ($_.FullyQualifiedErrorId -like", about);
        Assert.Contains("load context", about);
    }

    private static string[] SourceFiles() =>
        Directory.GetFiles(Path.Combine(RepositoryRoot, "src", "Vietnix.Keypairs"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToArray();

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Vietnix.Keypairs.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Vietnix.Keypairs.sln not found above the test folder.");
    }
}
