namespace Capture.Native.Filtering;

/// <summary>fd.l4proto values from the transport letter a socket's entry keeps.</summary>
static class TransportNames
{
    static readonly byte[] Tcp = "tcp"u8.ToArray();
    static readonly byte[] Udp = "udp"u8.ToArray();
    static readonly byte[] Raw = "raw"u8.ToArray();
    static readonly byte[] Icmp = "icmp"u8.ToArray();

    public static byte[] Of(byte transport) => transport switch
    {
        (byte)'t' => Tcp,
        (byte)'u' => Udp,
        (byte)'r' => Raw,
        (byte)'i' => Icmp,
        _ => [],
    };
}
