using System.Buffers.Binary;

namespace Capture.Native.Text;

/// <summary>
/// PT_SOCKADDR and PT_SOCKTUPLE values as sysdig prints them. Both start with a family
/// byte in libs' encoding (PPM_AF_*, which keeps Linux's numbers for these three).
/// Ports travel as little-endian u16 in host order; addresses in network order.
/// </summary>
public static class SocketText
{
    public const byte FamilyUnix = 1;
    public const byte FamilyInet = 2;
    public const byte FamilyInet6 = 10;

    const int Ipv4AddrLength = 1 + 4 + 2;
    const int Ipv6AddrLength = 1 + 16 + 2;
    const int Ipv4TupleLength = 1 + 4 + 2 + 4 + 2;
    const int Ipv6TupleLength = 1 + 16 + 2 + 16 + 2;
    const int UnixTuplePathOffset = 1 + 8 + 8;

    /// <summary><c>127.0.0.1:8080</c>, <c>2001:db8::3:1234</c>, a unix path, or <c>NULL</c> when empty.</summary>
    public static void WriteSockaddr(Utf8Buffer dst, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            dst.Append("NULL"u8);
            return;
        }
        switch (value[0])
        {
            case FamilyUnix:
                WriteSanitizedCString(dst, value[1..]);
                break;
            case FamilyInet when value.Length == Ipv4AddrLength:
                EndpointText.WriteEndpoint(dst, value.Slice(1, 4), Port(value[5..]));
                break;
            case FamilyInet:
                dst.Append("INVALID IPv4"u8);
                break;
            case FamilyInet6 when value.Length == Ipv6AddrLength:
                EndpointText.WriteEndpoint(dst, value.Slice(1, 16), Port(value[17..]));
                break;
            case FamilyInet6:
                dst.Append("INVALID IPv6"u8);
                break;
            default:
                WriteUnknownFamily(dst, value[0]);
                break;
        }
    }

    /// <summary>
    /// <c>src:port-&gt;dst:port</c> for IP (IPv4-mapped IPv6 pairs print as IPv4), or the two
    /// kernel socket pointers and the path for unix sockets; <c>NULL</c> when empty.
    /// </summary>
    public static void WriteSocktuple(Utf8Buffer dst, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            dst.Append("NULL"u8);
            return;
        }
        switch (value[0])
        {
            case FamilyInet when value.Length == Ipv4TupleLength:
                EndpointText.WriteConnection(dst, value.Slice(1, 4), Port(value[5..]), value.Slice(7, 4), Port(value[11..]));
                break;
            case FamilyInet:
                dst.Append("INVALID IPv4"u8);
                break;
            case FamilyInet6 when value.Length == Ipv6TupleLength:
                var source = value.Slice(1, 16);
                var destination = value.Slice(19, 16);
                var asIpv4 = IpText.IsIpv4Mapped(source) && IpText.IsIpv4Mapped(destination);
                EndpointText.WriteConnection(dst, asIpv4 ? source[12..] : source, Port(value[17..]),
                    asIpv4 ? destination[12..] : destination, Port(value[35..]));
                break;
            case FamilyInet6:
                dst.Append("INVALID IPv6"u8);
                break;
            case FamilyUnix when value.Length >= UnixTuplePathOffset:
                dst.AppendFormatted(BinaryPrimitives.ReadUInt64LittleEndian(value[1..]), "x");
                dst.Append("->"u8);
                dst.AppendFormatted(BinaryPrimitives.ReadUInt64LittleEndian(value[9..]), "x");
                dst.Append((byte)' ');
                WriteSanitizedCString(dst, value[UnixTuplePathOffset..]);
                break;
            case FamilyUnix:
                dst.Append(ParamText.Invalid);
                break;
            default:
                WriteUnknownFamily(dst, value[0]);
                break;
        }
    }

    static ushort Port(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt16LittleEndian(bytes);

    // sysdig prints the family as a signed char.
    static void WriteUnknownFamily(Utf8Buffer dst, byte family)
    {
        dst.Append("family "u8);
        dst.AppendFormatted((int)(sbyte)family);
    }

    /// <summary>Up to the first NUL, dropping bytes that are not printable ASCII, as sysdig sanitizes names.</summary>
    internal static void WriteSanitizedCString(Utf8Buffer dst, ReadOnlySpan<byte> value)
    {
        var end = value.IndexOf((byte)0);
        foreach (var b in end < 0 ? value : value[..end])
            if (PathText.IsPrintable(b)) dst.Append(b);
    }
}
