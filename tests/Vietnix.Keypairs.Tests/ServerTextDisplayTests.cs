using System;
using System.IO;
using System.Linq;
using System.Threading;
using Moq;
using Vietnix.Keypairs.Client;
using Vietnix.Keypairs.Client.Models;
using Xunit;

namespace Vietnix.Keypairs.Tests;

/// <summary>Names and messages from a hostile server reach the console as text, never as escape sequences.</summary>
public sealed class ServerTextDisplayTests
{
    private const string HostileName = "web\u001b]0;pwned\u0007\u001b[2J";

    private static readonly string FormatFile = Path.Combine(AppContext.BaseDirectory, "Vietnix.Keypairs.Format.ps1xml");

    [Theory]
    [InlineData("Format-Table")]
    [InlineData("Format-List")]
    public void AnEscapeSequenceInAServerName_IsShownEscaped_AndTheObjectKeepsTheRealName(string view)
    {
        // Arrange
        using var harness = new CmdletHarness();
        harness.Client.Setup(client => client.ListAsync(It.IsAny<KeyPairListRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new NovaKeyPair(HostileName, NovaKeyPairs.Ed25519PublicKey, NovaKeyPairs.Ed25519Fingerprint) { Type = "ssh" }]);

        // Act
        var result = harness.Invoke($"Update-FormatData -PrependPath '{FormatFile}'; $keys = Get-VietnixKeyPair; $keys.Name; $keys | {view} | Out-String -Width 200");

        // Assert
        Assert.Empty(result.Errors);
        Assert.Equal(HostileName, result.Output[0]);
        var shown = (string)result.Output[1];
        Assert.DoesNotContain('\u001b', shown);
        Assert.DoesNotContain('\u0007', shown);
        Assert.Contains("web\\x1b]0;pwned\\x07\\x1b[2J", shown);
    }

    [Fact]
    public void AnEscapeSequenceInAnErrorAboutAServerName_IsShownEscaped()
    {
        // Arrange: the server's 404 quoting a name that came from the server.
        var exception = ApiErrors.Status(404, "Keypair web\u001b]0;pwned\u0007 not found");

        // Act
        var record = Vietnix.Keypairs.Internal.ErrorMapper.Map(exception, "web").Record;

        // Assert
        Assert.DoesNotContain('\u001b', record.ErrorDetails.Message);
        Assert.Contains("web\\x1b]0;pwned\\x07 not found", record.ErrorDetails.Message);
    }
}
