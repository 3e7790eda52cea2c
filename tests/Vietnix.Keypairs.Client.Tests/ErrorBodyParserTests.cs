using Vietnix.Keypairs.Client.Errors;

namespace Vietnix.Keypairs.Client.Tests;

public class ErrorBodyParserTests
{
    [Theory]
    [InlineData("{\"badRequest\": {\"code\": 400, \"message\": \"Keypair data is invalid: failed to generate fingerprint\"}}", "badRequest", "Keypair data is invalid: failed to generate fingerprint")]
    [InlineData("{\"conflictingRequest\": {\"code\": 409, \"message\": \"Key pair 'rs-ed25519' already exists.\"}}", "conflictingRequest", "Key pair 'rs-ed25519' already exists.")]
    [InlineData("{\"forbidden\": {\"code\": 403, \"message\": \"Quota exceeded, too many key pairs.\"}}", "forbidden", "Quota exceeded, too many key pairs.")]
    [InlineData("{\"computeFault\": {\"code\": 406, \"message\": \"Version 2.999 is not supported by the API. Minimum is 2.1 and maximum is 2.93.\"}}", "computeFault", "Version 2.999 is not supported by the API. Minimum is 2.1 and maximum is 2.93.")]
    [InlineData("{\"overLimit\": {\"code\": 429, \"message\": \"This request was rate-limited.\", \"retryAfter\": \"7\"}}", "overLimit", "This request was rate-limited.")]
    public void NovaFaultShape_GivesFaultNameAndMessage(string body, string faultName, string message)
    {
        // Arrange (inline data)

        // Act
        var (parsedFault, parsedMessage) = ErrorBodyParser.Parse(body);

        // Assert
        Assert.Equal(faultName, parsedFault);
        Assert.Equal(message, parsedMessage);
    }

    [Fact]
    public void KeystoneShape_GivesErrorAndMessage()
    {
        // Arrange
        const string body = "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", \"message\": \"The request you have made requires authentication.\"}}";

        // Act
        var (faultName, message) = ErrorBodyParser.Parse(body);

        // Assert
        Assert.Equal("error", faultName);
        Assert.Equal("The request you have made requires authentication.", message);
    }

    [Fact]
    public void PlainText_IsKeptAsTheMessage()
    {
        // Arrange
        const string body = "Service Unavailable\n";

        // Act
        var (faultName, message) = ErrorBodyParser.Parse(body);

        // Assert
        Assert.Null(faultName);
        Assert.Equal("Service Unavailable", message);
    }

    [Fact]
    public void Html_IsReducedToTextWithoutTags()
    {
        // Arrange
        const string body = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

        // Act
        var (faultName, message) = ErrorBodyParser.Parse(body);

        // Assert
        Assert.Null(faultName);
        Assert.Equal("502 Bad Gateway 502 Bad Gateway nginx", message);
    }

    [Fact]
    public void LongText_IsCutToAShortExcerpt()
    {
        // Arrange
        var body = new string('x', 5000);

        // Act
        var (_, message) = ErrorBodyParser.Parse(body);

        // Assert
        Assert.NotNull(message);
        Assert.True(message!.Length <= 301, $"excerpt has {message.Length} characters");
        Assert.EndsWith("…", message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    public void NoBody_GivesNothing(string? body)
    {
        // Arrange (inline data)

        // Act
        var (faultName, message) = ErrorBodyParser.Parse(body);

        // Assert
        Assert.Null(faultName);
        Assert.Null(message);
    }
}
