using System;
using System.Text;

namespace Vietnix.Keypairs.Client.Keys;

/// <summary>
/// Writes the RFC 4251 encoding (big-endian uint32, length-prefixed strings, mpints) into a buffer
/// it zeroes on growth and on dispose, because it holds private key material.
/// </summary>
internal sealed class SshWireWriter : IDisposable
{
    private byte[] _buffer = new byte[256];

    public int Length { get; private set; }

    public void WriteByte(byte value)
    {
        Reserve(1);
        _buffer[Length++] = value;
    }

    public void WriteUInt32(uint value)
    {
        Reserve(4);
        _buffer[Length] = (byte)(value >> 24);
        _buffer[Length + 1] = (byte)(value >> 16);
        _buffer[Length + 2] = (byte)(value >> 8);
        _buffer[Length + 3] = (byte)value;
        Length += 4;
    }

    /// <summary>Bytes as they are, without a length (such as the "openssh-key-v1\0" magic).</summary>
    public void WriteRaw(byte[] bytes) => WriteRaw(bytes, 0, bytes.Length);

    /// <summary>An RFC 4251 string: uint32 length, then the bytes.</summary>
    public void WriteString(byte[] bytes)
    {
        WriteUInt32((uint)bytes.Length);
        WriteRaw(bytes);
    }

    /// <summary>A string of text, UTF-8 encoded (key type names are ASCII; comments may not be).</summary>
    public void WriteString(string text) => WriteString(Encoding.UTF8.GetBytes(text));

    /// <summary>What another writer holds, as one string, without copying it to a buffer no one clears.</summary>
    public void WriteString(SshWireWriter content)
    {
        WriteUInt32((uint)content.Length);
        WriteRaw(content._buffer, 0, content.Length);
    }

    /// <summary>
    /// An RFC 4251 mpint of a non-negative number given as its big-endian magnitude: leading zero
    /// bytes dropped, one zero byte added when the top bit is set (so it stays positive), and zero
    /// written as the empty string.
    /// </summary>
    public void WriteMpint(byte[] magnitude)
    {
        var start = 0;
        while (start < magnitude.Length && magnitude[start] == 0)
        {
            start++;
        }

        var significant = magnitude.Length - start;
        var needsSignByte = significant > 0 && (magnitude[start] & 0x80) != 0;
        WriteUInt32((uint)(significant + (needsSignByte ? 1 : 0)));
        if (needsSignByte)
        {
            WriteByte(0);
        }

        WriteRaw(magnitude, start, significant);
    }

    /// <summary>A copy of what was written; the caller owns it and should clear it when it holds private material.</summary>
    public byte[] ToArray()
    {
        var copy = new byte[Length];
        Buffer.BlockCopy(_buffer, 0, copy, 0, Length);
        return copy;
    }

    public void Dispose()
    {
        Array.Clear(_buffer, 0, _buffer.Length);
        Length = 0;
    }

    private void WriteRaw(byte[] bytes, int offset, int count)
    {
        Reserve(count);
        Buffer.BlockCopy(bytes, offset, _buffer, Length, count);
        Length += count;
    }

    private void Reserve(int count)
    {
        if (Length + count <= _buffer.Length)
        {
            return;
        }

        var larger = new byte[Math.Max(_buffer.Length * 2, Length + count)];
        Buffer.BlockCopy(_buffer, 0, larger, 0, Length);
        Array.Clear(_buffer, 0, _buffer.Length);
        _buffer = larger;
    }
}
