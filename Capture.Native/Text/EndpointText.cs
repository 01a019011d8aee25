namespace Capture.Native.Text;

/// <summary>
/// IP endpoints as sysdig names sockets: <c>10.0.2.15:22</c>, <c>2001:db8::1:22</c>, and a
/// connection as <c>source-&gt;destination</c>. Addresses are 4 or 16 bytes in network order,
/// ports in host order. Socket names from events (<see cref="SocketText"/>), from a capture's
/// fd lists and from /proc are all written here, so they cannot drift apart. Which endpoint
/// comes first, and whether an IPv4-mapped pair prints as IPv4, is the caller's decision.
/// </summary>
public static class EndpointText
{
    /// <summary>
    /// <c>address:port</c>. <paramref name="bracketIpv6"/> writes <c>[address]:port</c> for
    /// IPv6, the form fd-list records name their sockets by; sysdig's own output has no brackets.
    /// </summary>
    public static void WriteEndpoint(Utf8Buffer dst, ReadOnlySpan<byte> address, ushort port, bool bracketIpv6 = false)
    {
        if (address.Length == 4) IpText.WriteIpv4(dst, address);
        else if (bracketIpv6)
        {
            dst.Append((byte)'[');
            IpText.WriteIpv6(dst, address);
            dst.Append((byte)']');
        }
        else IpText.WriteIpv6(dst, address);
        dst.Append((byte)':');
        dst.AppendFormatted(port);
    }

    /// <summary><c>source:port-&gt;destination:port</c>.</summary>
    public static void WriteConnection(Utf8Buffer dst, ReadOnlySpan<byte> source, ushort sourcePort,
        ReadOnlySpan<byte> destination, ushort destinationPort, bool bracketIpv6 = false)
    {
        WriteEndpoint(dst, source, sourcePort, bracketIpv6);
        dst.Append("->"u8);
        WriteEndpoint(dst, destination, destinationPort, bracketIpv6);
    }
}
