using Capture.Native.Text;

namespace Capture.Native.Processes;

/// <summary>
/// Turns the records of a capture's fd lists into thread-table entries named as sysdig
/// names them. A reader calls one method per record, then <see cref="Complete"/> once
/// after the last fd list: like sysdig, it then turns around the IPv4 connections whose
/// source port is a port some listed socket listens on, so that they read client -&gt; server.
/// Ports are in host order; addresses are the bytes of the record, in network order.
/// </summary>
public sealed class FdListLoader(ThreadTable threads)
{
    readonly HashSet<ushort> _serverPorts = [];
    readonly List<(long Tid, long Fd, ListedConnection Connection)> _connections = [];
    readonly Utf8Buffer _name = new(128);

    readonly record struct ListedConnection(uint Source, ushort SourcePort, uint Destination, ushort DestinationPort, byte Transport);

    /// <summary>Files, directories, pipes and the other kinds that carry only a name.</summary>
    public void Named(long tid, long fd, FdKind kind, ReadOnlySpan<byte> name) =>
        threads.AddFd(tid, fd, new FdEntry(kind == FdKind.FileV2 ? FdKind.File : kind, 0, name.ToArray()));

    // libsinsp takes a listed unix socket with a path for the server end, one without for a client.
    public void Unix(long tid, long fd, ReadOnlySpan<byte> path) =>
        threads.AddFd(tid, fd, new FdEntry(FdKind.UnixSocket, 0, path.ToArray()) { Role = path.IsEmpty ? SocketRole.Client : SocketRole.Server });

    public void Ipv4Connection(long tid, long fd, ReadOnlySpan<byte> source, ushort sourcePort,
        ReadOnlySpan<byte> destination, ushort destinationPort, byte l4Protocol) =>
        _connections.Add((tid, fd, new ListedConnection(
            BitConverter.ToUInt32(source), sourcePort, BitConverter.ToUInt32(destination), destinationPort, TransportOf(l4Protocol))));

    public void Ipv4Server(long tid, long fd, ReadOnlySpan<byte> address, ushort port, byte l4Protocol)
    {
        _serverPorts.Add(port);
        _name.Clear();
        EndpointText.WriteEndpoint(_name, address, port);
        threads.AddFd(tid, fd, new FdEntry(FdKind.Ipv4ServerSocket, TransportOf(l4Protocol), _name.Written.ToArray()));
    }

    /// <summary>IPv6 connections between IPv4-mapped addresses are IPv4 connections to sysdig.</summary>
    public void Ipv6Connection(long tid, long fd, ReadOnlySpan<byte> source, ushort sourcePort,
        ReadOnlySpan<byte> destination, ushort destinationPort, byte l4Protocol)
    {
        if (IpText.IsIpv4Mapped(source) && IpText.IsIpv4Mapped(destination))
        {
            Ipv4Connection(tid, fd, source[12..], sourcePort, destination[12..], destinationPort, l4Protocol);
            return;
        }
        _name.Clear();
        EndpointText.WriteConnection(_name, source, sourcePort, destination, destinationPort);
        threads.AddFd(tid, fd, new FdEntry(FdKind.Ipv6Socket, TransportOf(l4Protocol), _name.Written.ToArray()) { Connected = IsTcp(l4Protocol) });
    }

    public void Ipv6Server(long tid, long fd, ReadOnlySpan<byte> address, ushort port, byte l4Protocol)
    {
        _serverPorts.Add(port);
        _name.Clear();
        EndpointText.WriteEndpoint(_name, address, port);
        threads.AddFd(tid, fd, new FdEntry(FdKind.Ipv6ServerSocket, TransportOf(l4Protocol), _name.Written.ToArray()));
    }

    /// <summary>Adds the IPv4 connections, each facing from client to server.</summary>
    public void Complete()
    {
        Span<byte> fromAddress = stackalloc byte[4];
        Span<byte> toAddress = stackalloc byte[4];
        foreach (var (tid, fd, c) in _connections)
        {
            var fromServer = _serverPorts.Contains(c.SourcePort);
            var (from, fromPort, to, toPort) = fromServer
                ? (c.Destination, c.DestinationPort, c.Source, c.SourcePort)
                : (c.Source, c.SourcePort, c.Destination, c.DestinationPort);
            BitConverter.TryWriteBytes(fromAddress, from);
            BitConverter.TryWriteBytes(toAddress, to);
            _name.Clear();
            EndpointText.WriteConnection(_name, fromAddress, fromPort, toAddress, toPort);
            threads.AddFd(tid, fd, new FdEntry(FdKind.Ipv4Socket, c.Transport, _name.Written.ToArray()) { Connected = c.Transport == (byte)'t' });
        }
        _connections.Clear();
    }

    // A listed TCP connection is connected; a UDP one only once it moves data.
    static bool IsTcp(byte l4Protocol) => l4Protocol == 2;

    // scap_l4_proto: 2 TCP, 3 UDP, 4 ICMP, 5 raw; 0 and 1 (unknown, not a socket) show nothing.
    static byte TransportOf(byte l4Protocol) => l4Protocol switch
    {
        2 => (byte)'t',
        3 => (byte)'u',
        4 => (byte)'i',
        5 => (byte)'r',
        _ => 0,
    };
}
