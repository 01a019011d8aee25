using Capture.Native.Processes;
using Capture.Native.Schema;

namespace Capture.Native.Filtering;

/// <summary>
/// What sysdig 0.29.3 says of the descriptor's network ends: which end is local (the client
/// when its address is one of the machine's interfaces, else the server), whether this end
/// serves, the ports as text, and the descriptor's identity (fd.uid, fd.containername). A
/// socket without a role (one never connected, accepted or used) has no client end, and no
/// value for these fields, as libsinsp leaves it.
/// </summary>
ref partial struct EventFields
{
    static readonly FilterField FdNumberField = FilterField.Find("fd.num")!;
    static readonly FilterField FdNameField = FilterField.Find("fd.name")!;

    bool TrySocketNumber(FieldId id, out long value)
    {
        value = 0;
        switch (id)
        {
            case FieldId.FdLocalPort or FieldId.FdRemotePort:
                if (Connection() is not { } ends) return false;
                value = ClientIsLocal(ends) == (id == FieldId.FdLocalPort) ? ends.ClientPort : ends.ServerPort;
                return true;
            case FieldId.FdConnected:
                if (EventFd() is not { } connected) return false;
                value = connected.Connected ? 1 : 0;
                return true;
            case FieldId.FdIsServer:
                if (EventFd() is not { } entry) return false;
                value = IsServer(entry) ? 1 : 0;
                return true;
            default:
                return false;
        }
    }

    bool TrySocketText(FieldId id, out ReadOnlySpan<byte> value)
    {
        value = default;
        switch (id)
        {
            case FieldId.FdLocalIp or FieldId.FdRemoteIp:
                if (Connection() is not { } ends) return false;
                // The text of the end, as the name holds it: sysdig prints addresses as it names sockets.
                return TryEndpoint(client: ClientIsLocal(ends) == (id == FieldId.FdLocalIp), out value, out _);
            case FieldId.FdLocalProto or FieldId.FdRemoteProto:
                if (Connection() is not { } sides) return false;
                return PortText(ClientIsLocal(sides) == (id == FieldId.FdLocalProto) ? sides.ClientPort : sides.ServerPort, out value);
            case FieldId.FdClientProto or FieldId.FdServerProto:
                return TryProtoText(id == FieldId.FdClientProto, out value);
            case FieldId.FdUid:
                // libsinsp chains the thread id and its last descriptor number as text.
                if (_thread is null || !TryNumber(FdNumberField, out var fd)) return false;
                var uid = _context.Scratch;
                uid.Clear();
                uid.AppendFormatted(_thread.Tid);
                uid.AppendFormatted(fd);
                value = uid.Written;
                return true;
            case FieldId.FdContainerName or FieldId.FdContainerDirectory:
                if (_thread is null) return false;
                var part = default(ReadOnlySpan<byte>);
                if (id == FieldId.FdContainerName ? !TryText(FdNameField, out part) && !IsUnnamedExit() : !TryPathPart(directory: true, out part)) return false;
                var joined = _context.Composed;
                joined.Clear();
                // sysdig 0.29.3 keeps the host's container id empty (container.id prints it as "host").
                if (!_thread.Container.IsHost) joined.Append(_thread.Container.Id);
                joined.Append((byte)':');
                joined.Append(part);
                value = joined.Written;
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// An exit on a descriptor the table never saw opened: libsinsp names it by the empty
    /// name here (as fd.directory finds "/" for it).
    /// </summary>
    bool IsUnnamedExit() =>
        _ev.Info.Direction == EventDirection.Exit && _threads is not null
        && _threads.TryEventFd(_ev, _thread!, out var fd, out var entry) && entry is null && !IsFailedOpen(fd);

    /// <summary>
    /// fd.cproto and fd.sproto as sysdig 0.29.3 has them: a connection's port as text; an empty
    /// text for a socket with a role but no connection ends (a bound listening socket, a unix
    /// socket); nothing for a socket without a role or another kind of descriptor.
    /// </summary>
    bool TryProtoText(bool client, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (EventFd() is not { } entry) return false;
        var ends = SocketEnds.Of(entry, _context.SocketEnds);
        if (entry.Kind is FdKind.Ipv4Socket or FdKind.Ipv6Socket)
            return ends is { IsConnection: true } && PortText(client ? ends.ClientPort : ends.ServerPort, out value);
        if (!client && entry.Kind is FdKind.Ipv4ServerSocket or FdKind.Ipv6ServerSocket) return true;
        return client && (entry.Role != SocketRole.None || entry.Kind is FdKind.Ipv4ServerSocket or FdKind.Ipv6ServerSocket);
    }

    bool PortText(ushort port, out ReadOnlySpan<byte> value)
    {
        var text = _context.Scratch;
        text.Clear();
        text.AppendFormatted(port);
        value = text.Written;
        return true;
    }

    /// <summary>The ends of the event's descriptor when it is a connected IP socket (not a listening one).</summary>
    SocketEnds? Connection() =>
        EventFd() is { Kind: FdKind.Ipv4Socket or FdKind.Ipv6Socket } entry && SocketEnds.Of(entry, _context.SocketEnds) is { IsConnection: true } ends
            ? ends : null;

    /// <summary>
    /// Whether the client end is this machine, as libsinsp decides it: an IPv4 address one of
    /// the interfaces has (a container's own address is not known here, so the host's
    /// interfaces answer for it too, as libsinsp does for a container it knows nothing of);
    /// an IPv6 address in an interface's /64, and never from inside a container.
    /// </summary>
    bool ClientIsLocal(SocketEnds ends) => IsLocal(ends.Client);

    bool IsLocal(ReadOnlySpan<byte> address)
    {
        if (_threads is null || _thread is null) return false;
        var local = _threads.LocalAddresses;
        return address.Length == 4 ? local.IsLocalIpv4(address) : _thread.Container.IsHost && local.IsLocalIpv6(address);
    }

    /// <summary>Listening sockets serve; a connection serves when its server address is this machine's.</summary>
    bool IsServer(FdEntry entry)
    {
        if (entry.Kind is FdKind.Ipv4ServerSocket or FdKind.Ipv6ServerSocket) return true;
        if (entry.Kind is not (FdKind.Ipv4Socket or FdKind.Ipv6Socket)) return false;
        if (SocketEnds.Of(entry, _context.SocketEnds) is { IsConnection: true } ends) return IsLocal(ends.Server);
        // Not connected yet: libsinsp tests the unset address, all zeros, which an IPv6
        // loopback interface (::1, whose /64 it is in) makes local.
        return IsLocal(SocketEnds.UnsetFor(entry.Kind).Server);
    }

    /// <summary>
    /// For the filter-only network fields: the event's IP socket and its ends. A listening
    /// socket has its own address as its one end; a socket not connected yet (or bound to
    /// port 0) has libsinsp's unset ends, zero addresses and ports, which '!=' finds.
    /// </summary>
    public SocketEnds? EventSocketEnds()
    {
        if (EventFd() is not { } entry || !entry.Kind.IsIpSocket()) return null;
        var ends = SocketEnds.Of(entry, _context.SocketEnds);
        if (entry.Kind is FdKind.Ipv4ServerSocket or FdKind.Ipv6ServerSocket || ends is { IsConnection: true }) return ends;
        return SocketEnds.UnsetFor(entry.Kind);
    }

    /// <summary>The one address fd.cnet, fd.snet, fd.lnet and fd.rnet test; false when the socket has none (or no role).</summary>
    public bool TryNetworkEnd(FieldId id, out ReadOnlySpan<byte> address)
    {
        address = default;
        if (id == FieldId.FdServerNet && EventFd() is { Kind: FdKind.Ipv4ServerSocket or FdKind.Ipv6ServerSocket } listening)
        {
            if (SocketEnds.Of(listening, _context.SocketEnds) is not { } own) return false;
            address = own.Server;
            return true;
        }
        if (Connection() is not { } ends) return false;
        address = id switch
        {
            FieldId.FdClientNet => ends.Client,
            FieldId.FdServerNet => ends.Server,
            FieldId.FdLocalNet => ClientIsLocal(ends) ? ends.Client : ends.Server,
            _ => ClientIsLocal(ends) ? ends.Server : ends.Client,
        };
        return true;
    }
}
