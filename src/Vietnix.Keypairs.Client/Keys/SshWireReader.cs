using System;
using System.Text;

namespace Vietnix.Keypairs.Client.Keys;

/// <summary>Reads the RFC 4251 encoding of an SSH key blob: big-endian uint32 lengths followed by bytes.</summary>
internal sealed class SshWireReader(byte[] data)
{
    private int _position;

    public bool AtEnd => _position == data.Length;

    public bool TryReadUInt32(out uint value)
    {
        value = 0;
        if (data.Length - _position < 4)
        {
            return false;
        }

        value = (uint)((data[_position] << 24) | (data[_position + 1] << 16) | (data[_position + 2] << 8) | data[_position + 3]);
        _position += 4;
        return true;
    }

    /// <summary>Moves past <paramref name="count"/> bytes without copying them (such as a fixed marker already checked).</summary>
    public bool TrySkip(int count)
    {
        if (data.Length - _position < count)
        {
            return false;
        }

        _position += count;
        return true;
    }

    public bool TryReadBytes(out byte[] value)
    {
        value = [];
        if (data.Length - _position < 4)
        {
            return false;
        }

        var length = (uint)((data[_position] << 24) | (data[_position + 1] << 16) | (data[_position + 2] << 8) | data[_position + 3]);
        if (length > (uint)(data.Length - _position - 4))
        {
            return false;
        }

        value = new byte[length];
        Buffer.BlockCopy(data, _position + 4, value, 0, (int)length);
        _position += 4 + (int)length;
        return true;
    }

    public bool TryReadString(out string value)
    {
        var ok = TryReadBytes(out var bytes);
        value = ok ? Encoding.ASCII.GetString(bytes) : string.Empty;
        return ok;
    }

    public void SkipRest() => _position = data.Length;

    /// <summary>Bit length of an mpint (a leading zero byte only keeps it positive).</summary>
    public static int BitLength(byte[] mpint)
    {
        var index = 0;
        while (index < mpint.Length && mpint[index] == 0)
        {
            index++;
        }

        if (index == mpint.Length)
        {
            return 0;
        }

        var bits = (mpint.Length - index - 1) * 8;
        for (var top = mpint[index]; top != 0; top >>= 1)
        {
            bits++;
        }

        return bits;
    }
}
