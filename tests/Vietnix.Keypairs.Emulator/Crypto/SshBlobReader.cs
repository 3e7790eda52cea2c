using System.Buffers.Binary;
using System.Numerics;

namespace Vietnix.Keypairs.Emulator.Crypto;

/// <summary>
/// Reads the SSH wire encoding (RFC 4251) of a public key blob the way pyca/cryptography does:
/// running short, or a negative mpint, is a <see cref="FormatException"/>.
/// </summary>
internal ref struct SshBlobReader
{
    private ReadOnlySpan<byte> rest;

    public SshBlobReader(ReadOnlySpan<byte> blob) => rest = blob;

    public readonly bool IsEmpty => rest.IsEmpty;

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));

    public ReadOnlySpan<byte> ReadString()
    {
        var length = ReadUInt32();
        return length > (uint)rest.Length ? throw new FormatException("Invalid data") : Take((int)length);
    }

    public BigInteger ReadMpint()
    {
        var bytes = ReadString();
        if (!bytes.IsEmpty && bytes[0] > 0x7F)
        {
            throw new FormatException("Invalid data");
        }

        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (rest.Length < count)
        {
            throw new FormatException("Invalid data");
        }

        var taken = rest[..count];
        rest = rest[count..];
        return taken;
    }
}
