using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Vietnix.Keypairs.Client.Errors;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Internal;
using Xunit;

namespace Vietnix.Keypairs.Tests;

public sealed class ErrorMapperTests
{
    [Theory]
    [InlineData(400, "Keypair data is invalid: failed to generate fingerprint", "KeyPairInvalidRequest", ErrorCategory.InvalidArgument, false)]
    [InlineData(401, "The request you have made requires authentication.", "AuthenticationFailed", ErrorCategory.AuthenticationError, true)]
    [InlineData(403, "Quota exceeded, too many key pairs.", "KeyPairQuotaExceeded", ErrorCategory.QuotaExceeded, false)]
    [InlineData(403, "Policy doesn't allow os_compute_api:os-keypairs:create to be performed.", "KeyPairAccessDenied", ErrorCategory.PermissionDenied, false)]
    [InlineData(404, "Keypair k not found for user u", "KeyPairNotFound", ErrorCategory.ObjectNotFound, false)]
    [InlineData(406, "Version 2.999 is not supported by the API. Minimum is 2.1 and maximum is 2.93.", "MicroversionNotSupported", ErrorCategory.InvalidOperation, true)]
    [InlineData(409, "Key pair 'k' already exists.", "KeyPairAlreadyExists", ErrorCategory.ResourceExists, false)]
    [InlineData(413, "Request is too large.", "RequestTooLarge", ErrorCategory.LimitsExceeded, false)]
    [InlineData(429, "Too many requests", "RateLimited", ErrorCategory.LimitsExceeded, false)]
    [InlineData(500, "Unexpected API Error.", "ServiceError", ErrorCategory.ResourceUnavailable, false)]
    [InlineData(503, "Service Unavailable", "ServiceError", ErrorCategory.ResourceUnavailable, false)]
    public void StatusCodesMapToStableIdsAndCategories(int status, string message, string errorId, ErrorCategory category, bool terminating)
    {
        // Arrange
        var exception = ApiErrors.Status(status, message);

        // Act
        var mapped = ErrorMapper.Map(exception, "k");

        // Assert
        Assert.Equal(errorId, mapped.Record.FullyQualifiedErrorId);
        Assert.Equal(category, mapped.Record.CategoryInfo.Category);
        Assert.Equal(terminating, mapped.IsTerminating);
        Assert.Equal("k", mapped.Record.TargetObject);
        Assert.Contains(message, mapped.Record.ErrorDetails.Message);
        Assert.Contains("req-1f2e3d4c", mapped.Record.ErrorDetails.Message);
        Assert.False(string.IsNullOrWhiteSpace(mapped.Record.ErrorDetails.RecommendedAction));
        Assert.Same(exception, mapped.Record.Exception);
    }

    [Theory]
    [InlineData(RejectionReason.InvalidName, "InvalidKeyPairName", ErrorCategory.InvalidArgument)]
    [InlineData(RejectionReason.MicroversionTooLow, "MicroversionTooLow", ErrorCategory.InvalidOperation)]
    [InlineData(RejectionReason.ServerGenerationUnavailable, "ServerGenerationUnavailable", ErrorCategory.NotImplemented)]
    [InlineData(RejectionReason.InvalidPublicKey, "InvalidPublicKey", ErrorCategory.InvalidData)]
    public void LocalRefusalsSayNothingWasSent(RejectionReason reason, string errorId, ErrorCategory category)
    {
        // Act
        var mapped = ErrorMapper.Map(new KeyPairRequestRejectedException(reason, "refused"), "k");

        // Assert
        Assert.Equal(errorId, mapped.Record.FullyQualifiedErrorId);
        Assert.Equal(category, mapped.Record.CategoryInfo.Category);
        Assert.False(mapped.IsTerminating);
        Assert.Contains("Nothing was sent", mapped.Record.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void TransportFailures_AreErrorsForTheirItem_SoTheNextItemIsTried()
    {
        // Act
        var connection = ErrorMapper.Map(new VietnixConnectionException("GET", "https://x/", new System.Net.Http.HttpRequestException("refused")), null);
        var timeout = ErrorMapper.Map(new VietnixTimeoutException("GET", "https://x/", TimeSpan.FromSeconds(60), new TimeoutException()), null);

        // Assert
        Assert.Equal(("ConnectionFailed", ErrorCategory.ConnectionError, false), (connection.Record.FullyQualifiedErrorId, connection.Record.CategoryInfo.Category, connection.IsTerminating));
        Assert.Equal(("RequestTimeout", ErrorCategory.OperationTimeout, false), (timeout.Record.FullyQualifiedErrorId, timeout.Record.CategoryInfo.Category, timeout.IsTerminating));
    }

    [Fact]
    public void AnUntrustedCertificate_EndsTheCommand_BecauseNoItemCanGetPastIt()
    {
        // Act
        var tls = ErrorMapper.Map(new VietnixConnectionException("GET", "https://x/", new System.Net.Http.HttpRequestException("SSL", new System.Security.Authentication.AuthenticationException("remote certificate is invalid"))), null);

        // Assert
        Assert.Equal(("ConnectionFailed", ErrorCategory.SecurityError, true), (tls.Record.FullyQualifiedErrorId, tls.Record.CategoryInfo.Category, tls.IsTerminating));
    }

    [Fact]
    public void AnUnreadableKeyIsInvalidData()
    {
        var mapped = ErrorMapper.Map(new PublicKeyFormatException("not a key"), "k");

        Assert.Equal(("InvalidPublicKey", ErrorCategory.InvalidData), (mapped.Record.FullyQualifiedErrorId, mapped.Record.CategoryInfo.Category));
    }

    [Theory]
    [InlineData(SshKeyAlgorithm.Rsa, 1024, "RSA keys must be 2048 to 16384 bits; 1024 is too weak. Leave out -KeySize for 3072.")]
    [InlineData(SshKeyAlgorithm.Rsa, 20000, "RSA keys must be 2048 to 16384 bits; 20000 is more than OpenSSH accepts. Leave out -KeySize for 3072.")]
    [InlineData(SshKeyAlgorithm.Ecdsa, 300, "ECDSA keys must be 256, 384 or 521 bits (the NIST curves P-256, P-384 and P-521); 300 is not one of them. Leave out -KeySize for 256.")]
    [InlineData(SshKeyAlgorithm.Ed25519, 384, "Ed25519 keys are always 256 bits; 384 is not possible. Leave out -KeySize.")]
    public void AKeySizeRefusal_NamesTheParameterThatChangesIt(SshKeyAlgorithm algorithm, int keySize, string expected)
    {
        // Arrange
        var refusal = Assert.Throws<KeySizeOutOfRangeException>(() => SshKeyGenerator.CheckKeySize(algorithm, keySize));

        // Act
        var record = ErrorMapper.Create(refusal, "InvalidKeySize", ErrorCategory.InvalidArgument, "k");

        // Assert
        Assert.Equal(expected, record.ToString());
    }

    [Fact]
    public void SeveralKeysWhereOneIsWanted_AreToldToGoOneAtATimeEachWithItsOwnName()
    {
        // Arrange
        var twoKeys = string.Join("\n", File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "fixtures", "keys", "id_ed25519.pub"))
            .Concat(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "fixtures", "keys", "id_rsa2048.pub"))));
        var refusal = Assert.Throws<PublicKeyFormatException>(() => PublicKeyText.ParseSingle(twoKeys));

        // Act
        var mapped = ErrorMapper.Map(refusal, "k");

        // Assert
        Assert.Equal(2, refusal.KeyCount);
        Assert.DoesNotContain("-Name", refusal.Message, StringComparison.Ordinal);
        Assert.Equal("The input holds 2 public keys, but one key pair takes one key. Import them one at a time, each with its own -Name.", mapped.Record.ToString());
        Assert.Equal(ErrorIds.InvalidPublicKey, mapped.Record.FullyQualifiedErrorId);
    }

    [Fact]
    public void OnlyKnownExceptionsAreMapped()
    {
        Assert.False(ErrorMapper.TryMap(new InvalidOperationException(), "k", out var unknown));
        Assert.Null(unknown);
        Assert.True(ErrorMapper.TryMap(ApiErrors.Status(404, "x"), "k", out var known));
        Assert.Equal("KeyPairNotFound", known.Record.FullyQualifiedErrorId);
        Assert.Throws<ArgumentException>(() => ErrorMapper.Map(new InvalidOperationException(), "k"));
    }

    [Fact]
    public void AnOrphanThatCouldNotBeRemoved_IsOneErrorNamingItAndTheCommandThatRemovesIt()
    {
        // Act
        var orphan = ErrorMapper.Map(new VietnixOrphanKeyPairException("gen", "u-2", confirmed: true, "The key pair 'gen' was created, but deleting it failed.", new Exception("down")), "gen");

        // Assert
        Assert.False(orphan.IsTerminating);
        Assert.Equal("OrphanKeyPair", orphan.Record.FullyQualifiedErrorId);
        Assert.Contains("Nobody holds the private key of the key pair 'gen'", orphan.Record.ErrorDetails.Message);
        Assert.Contains("Remove-VietnixKeyPair -Name 'gen' -UserId 'u-2' -Force", orphan.Record.ErrorDetails.Message);
    }
}
