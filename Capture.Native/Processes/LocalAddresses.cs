namespace Capture.Native.Processes;

/// <summary>
/// The machine's own interface addresses, as a capture's interface list (or the live machine)
/// gives them: what tells the local end of a connection from the remote one (fd.lip, fd.rip,
/// fd.is_server). As libsinsp 0.29.3 decides it: an IPv4 address is local when an interface
/// has exactly that address; an IPv6 one when its first 64 bits are an interface's.
/// </summary>
public sealed class LocalAddresses
{
    public static readonly LocalAddresses None = new([], []);

    readonly uint[] _ipv4;
    readonly ulong[] _ipv6Prefixes;

    /// <param name="ipv4">Addresses as four bytes each, network order.</param>
    /// <param name="ipv6">Addresses as sixteen bytes each.</param>
    public LocalAddresses(IEnumerable<byte[]> ipv4, IEnumerable<byte[]> ipv6)
    {
        _ipv4 = [.. ipv4.Where(a => a.Length == 4).Select(a => BitConverter.ToUInt32(a))];
        _ipv6Prefixes = [.. ipv6.Where(a => a.Length == 16).Select(a => BitConverter.ToUInt64(a))];
    }

    public int Count => _ipv4.Length + _ipv6Prefixes.Length;

    public bool IsLocalIpv4(ReadOnlySpan<byte> address) =>
        address.Length == 4 && Array.IndexOf(_ipv4, BitConverter.ToUInt32(address)) >= 0;

    public bool IsLocalIpv6(ReadOnlySpan<byte> address) =>
        address.Length == 16 && Array.IndexOf(_ipv6Prefixes, BitConverter.ToUInt64(address)) >= 0;
}
