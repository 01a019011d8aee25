using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Capture.Native.Processes;

namespace Capture.Native.Filtering;

/// <summary>
/// The two ends of an IP socket as addresses and ports, read back from its name as sysdig
/// writes it ("client->server", or the address alone for a listening socket, which has a
/// server end only). Parsed once per name: a descriptor's entry is replaced when its name
/// changes, so entries key a weak cache and steady traffic reads them without allocating.
/// </summary>
sealed class SocketEnds
{
    static readonly SocketEnds Unreadable = new([], 0, [], 0);

    static readonly SocketEnds UnsetIpv4 = new(new byte[4], 0, new byte[4], 0);
    static readonly SocketEnds UnsetIpv6 = new(new byte[16], 0, new byte[16], 0);

    /// <summary>The ends libsinsp holds for a socket of <paramref name="kind"/> not connected yet: zero addresses and ports.</summary>
    public static SocketEnds UnsetFor(FdKind kind) => kind is FdKind.Ipv4Socket or FdKind.Ipv4ServerSocket ? UnsetIpv4 : UnsetIpv6;

    SocketEnds(byte[] client, ushort clientPort, byte[] server, ushort serverPort)
    {
        Client = client;
        ClientPort = clientPort;
        Server = server;
        ServerPort = serverPort;
    }

    /// <summary>The client's address (4 or 16 bytes); empty for a listening socket.</summary>
    public byte[] Client { get; }
    public ushort ClientPort { get; }
    public byte[] Server { get; }
    public ushort ServerPort { get; }

    /// <summary>
    /// A connection has both ends (libsinsp then has given it a role, client or server); a
    /// listening socket only its own.
    /// </summary>
    public bool IsConnection => Client.Length > 0;

    /// <summary>The ends of an IP socket's entry; null for other kinds and for names that are not addresses.</summary>
    public static SocketEnds? Of(FdEntry entry, ConditionalWeakTable<FdEntry, SocketEnds> cache)
    {
        if (!entry.Kind.IsIpSocket()) return null;
        if (!cache.TryGetValue(entry, out var ends))
        {
            ends = Parse(entry.Name) ?? Unreadable;
            cache.AddOrUpdate(entry, ends);
        }
        return ReferenceEquals(ends, Unreadable) ? null : ends;
    }

    static SocketEnds? Parse(ReadOnlySpan<byte> name)
    {
        var end = name.IndexOf((byte)0);
        if (end >= 0) name = name[..end];
        var arrow = name.IndexOf("->"u8);
        if (arrow < 0)
            return TryEnd(name, out var address, out var port) ? new SocketEnds([], 0, address, port) : null;
        return TryEnd(name[..arrow], out var client, out var clientPort) && TryEnd(name[(arrow + 2)..], out var server, out var serverPort)
            ? new SocketEnds(client, clientPort, server, serverPort)
            : null;
    }

    static bool TryEnd(ReadOnlySpan<byte> end, out byte[] address, out ushort port)
    {
        address = [];
        if (!TrySplitEnd(end, out var text, out port) || !IPAddress.TryParse(Encoding.ASCII.GetString(text), out var ip)) return false;
        address = ip.GetAddressBytes();
        return true;
    }

    /// <summary>
    /// One end's text, ADDRESS:PORT, split into the address as written and the port, which
    /// follows the last ':' (IPv6 addresses have colons of their own).
    /// </summary>
    public static bool TrySplitEnd(ReadOnlySpan<byte> end, out ReadOnlySpan<byte> address, out ushort port)
    {
        address = default;
        port = 0;
        var colon = end.LastIndexOf((byte)':');
        if (colon <= 0 || !System.Buffers.Text.Utf8Parser.TryParse(end[(colon + 1)..], out port, out var used) || used != end.Length - colon - 1)
            return false;
        address = end[..colon];
        return true;
    }
}
