using System.Buffers.Binary;
using System.Net;
using Capture.Native.Processes;

namespace Capture.Native.Files;

/// <summary>
/// The type-specific bytes of an inet socket's fd-list entry — addresses in network order, ports
/// little-endian, then the transport (scap_l4_proto) — and the name sysdig shows for them. Built
/// and named here only, so entries read from a file and entries made from /proc agree.
/// </summary>
internal static class SocketDetail
{
    public const int Ipv4Length = 13;
    public const int Ipv4ServerLength = 7;
    public const int Ipv6Length = 37;
    public const int Ipv6ServerLength = 19;

    /// <summary>libscap's transport numbers for what /proc/net lists.</summary>
    public const byte Tcp = 2, Udp = 3, Raw = 5;

    public static string Name(FdKind kind, ReadOnlySpan<byte> d) => kind switch
    {
        FdKind.Ipv4Socket => $"{new IPAddress(d[..4])}:{Port(d[8..])}->{new IPAddress(d[4..8])}:{Port(d[10..])}",
        FdKind.Ipv4ServerSocket => $"{new IPAddress(d[..4])}:{Port(d[4..])}",
        FdKind.Ipv6Socket => $"[{new IPAddress(d[..16])}]:{Port(d[32..])}->[{new IPAddress(d[16..32])}]:{Port(d[34..])}",
        FdKind.Ipv6ServerSocket => $"[{new IPAddress(d[..16])}]:{Port(d[16..])}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an inet socket"),
    };

    public static byte[] Connection(ReadOnlySpan<byte> source, ushort sourcePort, ReadOnlySpan<byte> destination, ushort destinationPort, byte transport)
    {
        var detail = new byte[2 * source.Length + 5];
        source.CopyTo(detail);
        destination.CopyTo(detail.AsSpan(source.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(detail.AsSpan(2 * source.Length), sourcePort);
        BinaryPrimitives.WriteUInt16LittleEndian(detail.AsSpan(2 * source.Length + 2), destinationPort);
        detail[^1] = transport;
        return detail;
    }

    public static byte[] Server(ReadOnlySpan<byte> address, ushort port, byte transport)
    {
        var detail = new byte[address.Length + 3];
        address.CopyTo(detail);
        BinaryPrimitives.WriteUInt16LittleEndian(detail.AsSpan(address.Length), port);
        detail[^1] = transport;
        return detail;
    }

    static ushort Port(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt16LittleEndian(bytes);
}
