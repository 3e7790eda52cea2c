using System;
using Vietnix.Keypairs.Client.Keys;

namespace Vietnix.Keypairs.Client.Tests.Keys;

/// <summary>The encodings of RFC 4251 section 5, with the RFC's own examples.</summary>
public class SshWireWriterTests
{
    [Fact]
    public void WriteUInt32_IsBigEndian()
    {
        // Arrange
        using var writer = new SshWireWriter();

        // Act
        writer.WriteUInt32(0x29b7f4aa);

        // Assert
        Assert.Equal(Convert.FromHexString("29b7f4aa"), writer.ToArray());
    }

    [Fact]
    public void WriteString_PrefixesTheLength()
    {
        // Arrange
        using var writer = new SshWireWriter();

        // Act
        writer.WriteString("testing");

        // Assert
        Assert.Equal(Convert.FromHexString("0000000774657374696e67"), writer.ToArray());
    }

    [Theory]
    [InlineData("", "00000000")]
    [InlineData("00", "00000000")]
    [InlineData("09a378f9b2e332a7", "0000000809a378f9b2e332a7")]
    [InlineData("80", "000000020080")]
    [InlineData("0000ff", "0000000200ff")]
    [InlineData("00007f", "000000017f")]
    public void WriteMpint_IsMinimalAndPositive(string magnitudeHex, string expectedHex)
    {
        // Arrange
        using var writer = new SshWireWriter();

        // Act
        writer.WriteMpint(Convert.FromHexString(magnitudeHex));

        // Assert
        Assert.Equal(Convert.FromHexString(expectedHex), writer.ToArray());
    }

    [Fact]
    public void WriteString_OfAnotherWriter_GrowsPastTheFirstBuffer()
    {
        // Arrange
        using var inner = new SshWireWriter();
        var large = new byte[1000];
        new Random(4251).NextBytes(large);
        inner.WriteString(large);
        using var outer = new SshWireWriter();

        // Act
        outer.WriteString(inner);

        // Assert
        var written = outer.ToArray();
        Assert.Equal(1008, written.Length);
        Assert.Equal(Convert.FromHexString("000003ec000003e8"), written[..8]);
        Assert.Equal(large, written[8..]);
    }
}
