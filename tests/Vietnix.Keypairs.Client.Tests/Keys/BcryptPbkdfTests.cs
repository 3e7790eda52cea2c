using System;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text.Json;
using Vietnix.Keypairs.Client.Keys;
using Vietnix.Keypairs.Client.Tests.Infrastructure;

namespace Vietnix.Keypairs.Client.Tests.Keys;

/// <summary>
/// bcrypt_pbkdf against outputs of other implementations (tests/fixtures/kdf): OpenBSD's own
/// regression vectors, and python3-bcrypt's for the passphrases, salts, rounds and lengths this
/// module meets. None of the expected bytes was computed by the code under test.
/// </summary>
public class BcryptPbkdfTests
{
    public static TheoryData<string, string, int, int, string> OpenBsdVectors => Vectors("kdf/bcrypt-pbkdf-openbsd.json");

    public static TheoryData<string, string, int, int, string> PythonVectors => Vectors("kdf/bcrypt-pbkdf-python.json");

    [Theory]
    [MemberData(nameof(OpenBsdVectors))]
    public void Derive_GivesOpenBsdsRegressionVector(string password, string salt, int rounds, int length, string key)
    {
        // Act
        var derived = BcryptPbkdf.Derive(Convert.FromHexString(password), Convert.FromHexString(salt), rounds, length);

        // Assert
        Assert.Equal(key, Convert.ToHexStringLower(derived));
    }

    [Theory]
    [MemberData(nameof(PythonVectors))]
    public void Derive_GivesPythonBcryptsKdf(string password, string salt, int rounds, int length, string key)
    {
        // Act
        var derived = BcryptPbkdf.Derive(Convert.FromHexString(password), Convert.FromHexString(salt), rounds, length);

        // Assert
        Assert.Equal(key, Convert.ToHexStringLower(derived));
    }

    [Fact]
    public void Derive_LeavesItsInputsAsTheyWere()
    {
        // Arrange
        var password = "correct horse"u8.ToArray();
        var salt = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();

        // Act
        BcryptPbkdf.Derive(password, salt, 2, 48);

        // Assert
        Assert.Equal("correct horse"u8.ToArray(), password);
        Assert.Equal(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(), salt);
    }

    [Fact]
    public void Derive_MakesTheLargestOutputOpenBsdAllows()
    {
        // Act
        var derived = BcryptPbkdf.Derive("p"u8.ToArray(), "s"u8.ToArray(), 1, BcryptPbkdf.MaximumLength);

        // Assert: 1024 bytes, every one written (a zero byte here and there is chance; 64 would not be).
        Assert.Equal(1024, derived.Length);
        Assert.True(derived.Count(b => b == 0) < 20);
    }

    [Theory]
    [InlineData("", "salt", 16, 48, "password")]
    [InlineData("pass", "", 16, 48, "salt")]
    [InlineData("pass", "salt", 0, 48, "rounds")]
    [InlineData("pass", "salt", 16, 0, "length")]
    [InlineData("pass", "salt", 16, 1025, "length")]
    public void Derive_RefusesWhatOpenBsdRefuses(string password, string salt, int rounds, int length, string parameter)
    {
        // Act
        var problem = Assert.ThrowsAny<ArgumentException>(() =>
            BcryptPbkdf.Derive(System.Text.Encoding.ASCII.GetBytes(password), System.Text.Encoding.ASCII.GetBytes(salt), rounds, length));

        // Assert
        Assert.Equal(parameter, problem.ParamName);
    }

    [Fact]
    public void BlowfishInitialState_IsTheFractionalHexDigitsOfPi()
    {
        // Arrange: 18 P-array and 1024 S-box words.
        const int digits = (18 + 1024) * 8;
        using var stream = typeof(BcryptPbkdf).Assembly.GetManifestResourceStream("Vietnix.Keypairs.Client.Keys.BlowfishPiDigits.hex")!;
        var embedded = new StreamReader(stream).ReadToEnd().Replace("\n", string.Empty);

        // Act
        var pi = PiHexDigits(digits);

        // Assert: computed here, and the first and last words Schneier's published tables start and end with.
        Assert.Equal(pi, embedded);
        Assert.StartsWith("243f6a88", embedded, StringComparison.Ordinal);
        Assert.EndsWith("3ac372e6", embedded, StringComparison.Ordinal);
    }

    // Machin's formula, pi = 16 atan(1/5) - 4 atan(1/239), in fixed point with guard bits.
    private static string PiHexDigits(int count)
    {
        var guardBits = 64;
        var one = BigInteger.One << ((count * 4) + guardBits);
        var pi = (16 * ArctanOfInverse(5, one)) - (4 * ArctanOfInverse(239, one));
        var fraction = (pi - (3 * one)) >> guardBits;
        return fraction.ToString("x").TrimStart('0').PadLeft(count, '0');
    }

    private static BigInteger ArctanOfInverse(int x, BigInteger one)
    {
        var power = one / x;
        var sum = power;
        var squared = x * x;
        for (var n = 1; !power.IsZero; n++)
        {
            power /= squared;
            var term = power / ((2 * n) + 1);
            sum += n % 2 == 1 ? -term : term;
        }

        return sum;
    }

    private static TheoryData<string, string, int, int, string> Vectors(string fixture)
    {
        using var document = JsonDocument.Parse(Fixtures.ReadText(fixture));
        var data = new TheoryData<string, string, int, int, string>();
        foreach (var vector in document.RootElement.GetProperty("vectors").EnumerateArray())
        {
            data.Add(
                vector.GetProperty("password").GetString()!,
                vector.GetProperty("salt").GetString()!,
                vector.GetProperty("rounds").GetInt32(),
                vector.GetProperty("length").GetInt32(),
                vector.GetProperty("key").GetString()!);
        }

        return data;
    }
}
