using System;
using System.Security;
using Org.BouncyCastle.Crypto.Parameters;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Tests.Identity;

namespace Vietnix.Keypairs.Client.Tests.Keys;

public class PrivateKeyPassphraseTests
{
    [Fact]
    public void EmptyPassphrase_IsRefused_PointingToLeavingItOut()
    {
        // Act
        var problem = Assert.Throws<ArgumentException>(() => new PrivateKeyPassphrase(new SecureString()));

        // Assert
        Assert.Contains("leave the passphrase out", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(PrivateKeyPassphrase.MaximumRounds + 1)]
    public void RoundsOutsideTheRange_AreRefused(int rounds)
    {
        // Act
        var problem = Assert.Throws<ArgumentOutOfRangeException>(() => new PrivateKeyPassphrase(KeystoneFakes.Secure("p"), rounds));

        // Assert
        Assert.Equal("rounds", problem.ParamName);
    }

    [Fact]
    public void Passphrase_IsItsOwnCopy_SoTheCallerMayDisposeTheirs()
    {
        // Arrange
        var callers = KeystoneFakes.Secure("passphrase");
        using var passphrase = new PrivateKeyPassphrase(callers, 2);
        var keyPair = Ed25519();
        var salt = new byte[16];
        var before = OpenSshPrivateKeyEncoder.Encode(keyPair, "c", 7, passphrase, salt);

        // Act
        callers.Dispose();
        var after = OpenSshPrivateKeyEncoder.Encode(keyPair, "c", 7, passphrase, salt);

        // Assert
        Assert.Equal(before, after);
        Assert.Equal(2, passphrase.Rounds);
    }

    [Fact]
    public void Encode_WithAPassphrase_TakesAFreshSaltEachTime()
    {
        // Arrange
        using var passphrase = new PrivateKeyPassphrase(KeystoneFakes.Secure("passphrase"), 1);
        var keyPair = Ed25519();

        // Act
        var first = OpenSshPrivateKeyFile.Read(OpenSshPrivateKeyEncoder.Encode(keyPair, "c", 7, passphrase), "passphrase");
        var second = OpenSshPrivateKeyFile.Read(OpenSshPrivateKeyEncoder.Encode(keyPair, "c", 7, passphrase), "passphrase");

        // Assert
        Assert.NotEqual(first.KdfSalt, second.KdfSalt);
        Assert.Equal(first.KeyFields, second.KeyFields);
    }

    private static Org.BouncyCastle.Crypto.AsymmetricCipherKeyPair Ed25519()
    {
        var privateKey = new Ed25519PrivateKeyParameters(new byte[32], 0);
        return new Org.BouncyCastle.Crypto.AsymmetricCipherKeyPair(privateKey.GeneratePublicKey(), privateKey);
    }
}
