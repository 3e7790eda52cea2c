using System.Text.Json.Nodes;

namespace Vietnix.Keypairs.Client.Tests.Infrastructure;

internal static class JsonAssert
{
    /// <summary>Same members with the same values (member order aside), nothing more and nothing less.</summary>
    public static void Equivalent(string expectedJson, string? actualJson)
    {
        Assert.NotNull(actualJson);
        var expected = JsonNode.Parse(expectedJson);
        var actual = JsonNode.Parse(actualJson!);
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"JSON differs.{System.Environment.NewLine}Expected: {expected?.ToJsonString()}{System.Environment.NewLine}Actual:   {actual?.ToJsonString()}");
    }
}
