namespace Capture.Native.Files;

/// <summary>
/// An inet socket's fd-list detail as <see cref="SocketDetail.TryRead"/> reads it: addresses
/// in network order (views into the record), ports in host order. A server socket has no
/// destination.
/// </summary>
internal readonly ref struct InetSocketDetail(
    ReadOnlySpan<byte> source, ushort sourcePort, ReadOnlySpan<byte> destination, ushort destinationPort, byte transport)
{
    public ReadOnlySpan<byte> Source { get; } = source;
    public ushort SourcePort { get; } = sourcePort;
    public ReadOnlySpan<byte> Destination { get; } = destination;
    public ushort DestinationPort { get; } = destinationPort;

    /// <summary>scap_l4_proto: 2 TCP, 3 UDP, 4 ICMP, 5 raw.</summary>
    public byte Transport { get; } = transport;

    public bool IsServer => Destination.IsEmpty;
}
