using System.Buffers.Binary;
using System.Text;
using Capture.Native.Processes;
using Capture.Native.Text;

namespace Capture.Native.Files;

/// <summary>
/// The layout of a socket's type-specific bytes in an fd-list entry, owned here alone: every
/// reader and writer of those bytes (the fd-list parser, the seeding of the thread table, the
/// /proc socket tables) goes through this type, so entries read from a file and entries made
/// from /proc agree. As libscap writes them:
/// <list type="bullet">
/// <item>inet connection: source address, destination address (network order), source port,
/// destination port (little-endian u16), transport (scap_l4_proto);</item>
/// <item>inet server: address, port, transport;</item>
/// <item>unix: source and destination kernel addresses (u64 each), then the path.</item>
/// </list>
/// </summary>
internal static class SocketDetail
{
    public const int Ipv4Length = 2 * 4 + 2 * 2 + 1;
    public const int Ipv4ServerLength = 4 + 2 + 1;
    public const int Ipv6Length = 2 * 16 + 2 * 2 + 1;
    public const int Ipv6ServerLength = 16 + 2 + 1;

    /// <summary>The two kernel addresses in front of a unix socket's path.</summary>
    public const int UnixEndpointsLength = 8 + 8;

    /// <summary>libscap's transport numbers for what /proc/net lists.</summary>
    public const byte Tcp = 2, Udp = 3, Raw = 5;

    /// <summary>
    /// The addresses of an inet socket's entry; false for a kind that is not an inet socket or
    /// a detail shorter than its kind's layout.
    /// </summary>
    public static bool TryRead(FdKind kind, ReadOnlySpan<byte> detail, out InetSocketDetail socket)
    {
        socket = default;
        var (addressLength, server) = kind switch
        {
            FdKind.Ipv4Socket => (4, false),
            FdKind.Ipv4ServerSocket => (4, true),
            FdKind.Ipv6Socket => (16, false),
            FdKind.Ipv6ServerSocket => (16, true),
            _ => (0, false),
        };
        if (addressLength == 0 || detail.Length < LengthOf(addressLength, server)) return false;
        socket = server
            ? new InetSocketDetail(detail[..addressLength], Port(detail[addressLength..]), default, 0, detail[addressLength + 2])
            : new InetSocketDetail(detail[..addressLength], Port(detail[(2 * addressLength)..]),
                detail.Slice(addressLength, addressLength), Port(detail[(2 * addressLength + 2)..]), detail[2 * addressLength + 4]);
        return true;
    }

    /// <summary>The name an fd-list record gives an inet socket: <c>[address]:port</c> for IPv6.</summary>
    public static string Name(FdKind kind, ReadOnlySpan<byte> detail)
    {
        if (!TryRead(kind, detail, out var socket))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"not an inet socket of {detail.Length} detail bytes");
        var name = new Utf8Buffer(2 * 48);
        if (socket.IsServer) EndpointText.WriteEndpoint(name, socket.Source, socket.SourcePort, bracketIpv6: true);
        else EndpointText.WriteConnection(name, socket.Source, socket.SourcePort, socket.Destination, socket.DestinationPort, bracketIpv6: true);
        return Encoding.UTF8.GetString(name.Written);
    }

    public static byte[] Connection(ReadOnlySpan<byte> source, ushort sourcePort, ReadOnlySpan<byte> destination, ushort destinationPort, byte transport)
    {
        var detail = new byte[LengthOf(source.Length, server: false)];
        source.CopyTo(detail);
        destination.CopyTo(detail.AsSpan(source.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(detail.AsSpan(2 * source.Length), sourcePort);
        BinaryPrimitives.WriteUInt16LittleEndian(detail.AsSpan(2 * source.Length + 2), destinationPort);
        detail[^1] = transport;
        return detail;
    }

    public static byte[] Server(ReadOnlySpan<byte> address, ushort port, byte transport)
    {
        var detail = new byte[LengthOf(address.Length, server: true)];
        address.CopyTo(detail);
        BinaryPrimitives.WriteUInt16LittleEndian(detail.AsSpan(address.Length), port);
        detail[^1] = transport;
        return detail;
    }

    /// <summary>A unix socket's detail: its kernel address as source, no destination, and its path (u16 length, then the bytes).</summary>
    public static byte[] Unix(ulong source, ReadOnlySpan<byte> path)
    {
        var detail = new byte[UnixEndpointsLength + 2 + path.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(detail, source);
        BinaryPrimitives.WriteUInt16LittleEndian(detail.AsSpan(UnixEndpointsLength), (ushort)path.Length);
        path.CopyTo(detail.AsSpan(UnixEndpointsLength + 2));
        return detail;
    }

    static int LengthOf(int addressLength, bool server) => server ? addressLength + 2 + 1 : 2 * addressLength + 2 * 2 + 1;

    static ushort Port(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt16LittleEndian(bytes);
}
