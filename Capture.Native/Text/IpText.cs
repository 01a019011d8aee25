using System.Buffers.Binary;

namespace Capture.Native.Text;

/// <summary>
/// IP addresses as sysdig prints them: IPv4 dotted, IPv6 the way glibc's inet_ntop writes
/// it (lower-case hex, the longest run of two or more zero groups as "::", the first run
/// on a tie, and an IPv4 tail for mapped and compatible addresses).
/// </summary>
public static class IpText
{
    /// <summary>Four address bytes in network order.</summary>
    public static void WriteIpv4(Utf8Buffer dst, ReadOnlySpan<byte> address)
    {
        for (var i = 0; i < 4; i++)
        {
            if (i > 0) dst.Append((byte)'.');
            dst.AppendFormatted(address[i]);
        }
    }

    /// <summary>Sixteen address bytes in network order.</summary>
    public static void WriteIpv6(Utf8Buffer dst, ReadOnlySpan<byte> address)
    {
        Span<ushort> words = stackalloc ushort[8];
        for (var i = 0; i < 8; i++) words[i] = BinaryPrimitives.ReadUInt16BigEndian(address[(i * 2)..]);

        int bestBase = -1, bestLength = 0, runBase = -1, runLength = 0;
        for (var i = 0; i < 8; i++)
        {
            if (words[i] == 0)
            {
                if (runBase < 0) (runBase, runLength) = (i, 0);
                runLength++;
                if (runLength > bestLength) (bestBase, bestLength) = (runBase, runLength);
            }
            else runBase = -1;
        }
        if (bestLength < 2) bestBase = -1;

        for (var i = 0; i < 8; i++)
        {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLength)
            {
                if (i == bestBase) dst.Append((byte)':');
                continue;
            }
            if (i > 0) dst.Append((byte)':');
            if (i == 6 && bestBase == 0 && (bestLength == 6 || (bestLength == 5 && words[5] == 0xffff)))
            {
                WriteIpv4(dst, address[12..]);
                return;
            }
            dst.AppendFormatted(words[i], "x");
        }
        if (bestBase >= 0 && bestBase + bestLength == 8) dst.Append((byte)':');
    }

    /// <summary>
    /// An IPv6 address that carries an IPv4 one (::ffff:a.b.c.d), or all zeros, which sysdig
    /// also treats as IPv4 when it prints a connection.
    /// </summary>
    public static bool IsIpv4Mapped(ReadOnlySpan<byte> address)
    {
        if (address[..10].IndexOfAnyExcept((byte)0) >= 0) return false;
        return (address[10] == 0xff && address[11] == 0xff) || address[10..].IndexOfAnyExcept((byte)0) < 0;
    }
}
