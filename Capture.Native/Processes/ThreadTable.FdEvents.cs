using System.Buffers.Binary;
using Capture.Native.Events;
using Capture.Native.Schema;
using Capture.Native.Text;

namespace Capture.Native.Processes;

/// <summary>
/// How the calls that create, name and close file descriptors change the fd table, so that
/// later events print <c>fd=3(&lt;f&gt;/etc/ld.so.cache)</c> as sysdig does. Old drivers sent
/// some arguments (the fd of close, the domain of socket) only with the enter event; they
/// are taken from the thread's last enter event then.
/// </summary>
public sealed partial class ThreadTable
{
    const long AtFdCwd = -100;
    const uint OpenDirectory = 0x400;
    const long InProgress = -115;

    // Where fd names are built before they are copied into their entry.
    readonly Utf8Buffer _scratch = new(256);

    void OnOpen(in EventView ev, ThreadInfo thread)
    {
        if (!TryResult(ev, out var fd) || fd < 0) return;
        var path = EventParams.UpToNul(Argument(thread, ev, ParamSlots.Name));
        if (path.IsEmpty) path = EventParams.UpToNul(Argument(thread, ev, ParamSlots.Path));
        var hasDirFd = EventParams.TryInt64(Argument(thread, ev, ParamSlots.Dirfd), out var dirfd);
        var flags = ReadUInt32(Argument(thread, ev, ParamSlots.Flags));

        _scratch.Clear();
        var baseDir = PathText.IsAbsolute(path) ? default
            : hasDirFd && dirfd != AtFdCwd ? DirectoryOfFd(thread, dirfd)
            : CwdOf(thread);
        PathText.WriteJoined(_scratch, baseDir, path);
        FdsOf(thread)[fd] = new FdEntry((flags & OpenDirectory) != 0 ? FdKind.Directory : FdKind.File, 0, _scratch.Written.ToArray());
    }

    ReadOnlySpan<byte> DirectoryOfFd(ThreadInfo thread, long dirfd)
    {
        if (FindFd(thread, dirfd) is not { } dir || dir.Name.Length == 0) return default;
        return ThreadInfo.WithTrailingSlash(dir.Name);
    }

    void OnSocket(in EventView ev, ThreadInfo thread)
    {
        if (!TryResult(ev, out var fd) || fd < 0) return;
        var domain = ReadUInt32(Argument(thread, ev, ParamSlots.Domain));
        var type = ReadUInt32(Argument(thread, ev, ParamSlots.Type));
        var protocol = ReadUInt32(Argument(thread, ev, ParamSlots.Proto));
        var kind = domain switch
        {
            SocketText.FamilyInet => FdKind.Ipv4Socket,
            SocketText.FamilyInet6 => FdKind.Ipv6Socket,
            SocketText.FamilyUnix => FdKind.UnixSocket,
            16 => FdKind.Netlink,
            _ => FdKind.Unknown,
        };
        FdsOf(thread)[fd] = new FdEntry(kind, 0, []) { SocketTransport = TransportOf(type, protocol) };
    }

    // SOCK_STREAM, SOCK_DGRAM and SOCK_RAW (ICMP or other); the type's high bits are flags.
    static byte TransportOf(uint type, uint protocol) => (type & 0xf) switch
    {
        1 => (byte)'t',
        2 => (byte)'u',
        3 => protocol is 1 or 58 ? (byte)'i' : (byte)'r',
        _ => protocol switch { 6 => (byte)'t', 17 => (byte)'u', _ => 0 },
    };

    static uint ReadUInt32(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        4 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        1 => bytes[0],
        _ => 0,
    };

    void OnBind(in EventView ev, ThreadInfo thread)
    {
        if (!TryResult(ev, out var result) || result < 0) return;
        if (!EventParams.TryInt64(Argument(thread, ev, ParamSlots.Fd), out var fd)) return;
        if (FindFd(thread, fd) is not { } socket) return;
        var address = EventParams.Bytes(ev, ParamSlots.Addr);
        if (address.IsEmpty) return;
        _scratch.Clear();
        SocketText.WriteSockaddr(_scratch, address);
        var listens = PortOf(address) > 0;
        var kind = !listens ? socket.Kind
            : address[0] == SocketText.FamilyInet || (address[0] == SocketText.FamilyInet6 && IpText.IsIpv4Mapped(address.Slice(1, 16)))
                ? FdKind.Ipv4ServerSocket
            : address[0] == SocketText.FamilyInet6 ? FdKind.Ipv6ServerSocket
            : socket.Kind;
        FdsOf(thread)[fd] = socket with { Kind = kind, Name = _scratch.Written.ToArray(), Transport = listens ? socket.SocketTransport : socket.Transport };
    }

    static int PortOf(ReadOnlySpan<byte> address) => address[0] switch
    {
        SocketText.FamilyInet when address.Length == 7 => BinaryPrimitives.ReadUInt16LittleEndian(address[5..]),
        SocketText.FamilyInet6 when address.Length == 19 => BinaryPrimitives.ReadUInt16LittleEndian(address[17..]),
        _ => 0,
    };

    void OnConnect(in EventView ev, ThreadInfo thread)
    {
        if (!TryResult(ev, out var result) || (result < 0 && result != InProgress)) return;
        if (!EventParams.TryInt64(Argument(thread, ev, ParamSlots.Fd), out var fd)) return;
        if (FindFd(thread, fd) is not { } socket) return;
        var tuple = EventParams.Bytes(ev, ParamSlots.Tuple);
        if (tuple.IsEmpty)
        {
            // libsinsp counts the socket connected (or in progress) before it looks at the tuple.
            if (!socket.Connected) FdsOf(thread)[fd] = socket with { Connected = true };
            return;
        }
        _scratch.Clear();
        SocketText.WriteSocktuple(_scratch, tuple);
        FdsOf(thread)[fd] = socket with
        {
            Name = _scratch.Written.ToArray(), Transport = socket.Kind.IsIpSocket() ? socket.SocketTransport : (byte)0, Role = SocketRole.Client, Connected = true,
        };
    }

    /*
     * sysdig 0.29.3 names a unix socket by the address it is about to connect to as soon as
     * the connect starts (its exit then renames it by the tuple). IP sockets keep their name
     * until the exit: sysdig records the destination only in its socket state.
     */
    void OnConnectStart(in EventView ev, ThreadInfo thread)
    {
        var address = EventParams.Bytes(ev, ParamSlots.Addr);
        if (address.IsEmpty || address[0] != SocketText.FamilyUnix) return;
        if (!EventParams.TryInt64(ev, ParamSlots.Fd, out var fd) || FindFd(thread, fd) is not { } socket) return;
        _scratch.Clear();
        SocketText.WriteSockaddr(_scratch, address);
        FdsOf(thread)[fd] = socket with { Kind = FdKind.UnixSocket, Name = _scratch.Written.ToArray() };
    }

    /*
     * Data sent or received renames a socket by that call's tuple, as sysdig 0.29.3 does for
     * every socket but TCP ones. Unix sockets take the tuple as it is: a server's accepted
     * socket that answers its client ends up named by the reversed pair and the client's
     * (usually empty) name. Connectionless IP sockets read client->server: the probe's tuple
     * is local->remote on a send and remote->local on a receive, so it is turned round when
     * the socket's role (set by its first connect, send or receive) says so. The tuple is in
     * the exit event of current layouts and in sendto/sendmsg's enter event of old ones. A
     * name that did not change is kept, so steady traffic allocates nothing.
     */
    void OnSocketTransfer(in EventView ev, ThreadInfo thread, bool sending)
    {
        if (!TryResult(ev, out var result) || result < 0) return;
        var tuple = Argument(thread, ev, ParamSlots.Tuple);
        if (tuple.IsEmpty) return;
        if (!EventParams.TryInt64(Argument(thread, ev, ParamSlots.Fd), out var fd) || FindFd(thread, fd) is not { } socket) return;
        if (tuple[0] == SocketText.FamilyUnix)
        {
            _scratch.Clear();
            SocketText.WriteSocktuple(_scratch, tuple);
            Rename(thread, fd, socket, FdKind.UnixSocket, 0, socket.Role);
            return;
        }
        // A socket from an fd list has its transport shown already and none remembered apart.
        var transport = socket.SocketTransport != 0 ? socket.SocketTransport : socket.Transport;
        if (!socket.Kind.IsIpSocket() || transport == (byte)'t') return;
        var role = socket.Role != SocketRole.None ? socket.Role : sending ? SocketRole.Client : SocketRole.Server;
        Span<byte> turned = stackalloc byte[tuple.Length];
        var clientFirst = (role == SocketRole.Client) == sending ? tuple : Reversed(tuple, turned);
        _scratch.Clear();
        SocketText.WriteSocktuple(_scratch, clientFirst);
        Rename(thread, fd, socket, ConnectionKindOf(tuple), transport, role);
    }

    /// <summary>Names the fd by what <see cref="_scratch"/> holds, unless nothing changed.</summary>
    void Rename(ThreadInfo thread, long fd, FdEntry socket, FdKind kind, byte transport, SocketRole role)
    {
        if (socket.Kind == kind && socket.Transport == transport && socket.Role == role && socket.Name.AsSpan().SequenceEqual(_scratch.Written)) return;
        FdsOf(thread)[fd] = socket with { Kind = kind, Transport = transport, Role = role, Name = _scratch.Written.ToArray() };
    }

    /// <summary>What a connected socket is, by its tuple's family (an IPv6 tuple of two IPv4-mapped addresses is IPv4, as sysdig shows it).</summary>
    static FdKind ConnectionKindOf(ReadOnlySpan<byte> tuple) => tuple.IsEmpty ? FdKind.Unknown : tuple[0] switch
    {
        SocketText.FamilyInet => FdKind.Ipv4Socket,
        SocketText.FamilyInet6 when tuple.Length == 37 && IpText.IsIpv4Mapped(tuple.Slice(1, 16)) => FdKind.Ipv4Socket,
        SocketText.FamilyInet6 => FdKind.Ipv6Socket,
        SocketText.FamilyUnix => FdKind.UnixSocket,
        _ => FdKind.Unknown,
    };

    /// <summary>A socktuple with its two endpoints swapped (family, then address and port twice).</summary>
    static ReadOnlySpan<byte> Reversed(ReadOnlySpan<byte> tuple, Span<byte> into)
    {
        var half = (tuple.Length - 1) / 2;
        into[0] = tuple[0];
        tuple.Slice(1 + half, half).CopyTo(into[1..]);
        tuple.Slice(1, half).CopyTo(into[(1 + half)..]);
        return into;
    }

    void OnAccept(in EventView ev, ThreadInfo thread)
    {
        if (!TryResult(ev, out var fd) || fd < 0) return;
        var tuple = EventParams.Bytes(ev, ParamSlots.Tuple);
        _scratch.Clear();
        SocketText.WriteSocktuple(_scratch, tuple);
        var kind = ConnectionKindOf(tuple);
        var transport = kind.IsIpSocket() ? (byte)'t' : (byte)0;
        FdsOf(thread)[fd] = new FdEntry(kind, transport, tuple.IsEmpty ? [] : _scratch.Written.ToArray()) { SocketTransport = transport, Role = SocketRole.Server, Connected = true };
    }

    /// <summary>An IP connection that moved data is connected, as libsinsp marks it on any read or write exit that succeeded.</summary>
    void OnTransferExit(in EventView ev, ThreadInfo thread)
    {
        if (!TryResult(ev, out var result) || result < 0) return;
        if (!EventParams.TryInt64(Argument(thread, ev, ParamSlots.Fd), out var fd) || FindFd(thread, fd) is not { } socket) return;
        if (socket.Kind is FdKind.Ipv4Socket or FdKind.Ipv6Socket && !socket.Connected) FdsOf(thread)[fd] = socket with { Connected = true };
    }

    void OnClose(in EventView ev, ThreadInfo thread)
    {
        if (!TryResult(ev, out var result) || result < 0) return;
        if (EventParams.TryInt64(Argument(thread, ev, ParamSlots.Fd), out var fd)) RemoveClosing(thread, fd);
    }

    void OnPipe(in EventView ev, ThreadInfo thread)
    {
        if (!TryResult(ev, out var result) || result < 0) return;
        var fds = FdsOf(thread);
        if (EventParams.TryInt64(ev, ParamSlots.Fd1, out var read)) fds[read] = new FdEntry(FdKind.Fifo, 0, []);
        if (EventParams.TryInt64(ev, ParamSlots.Fd2, out var write)) fds[write] = new FdEntry(FdKind.Fifo, 0, []);
    }

    void OnSocketPair(in EventView ev, ThreadInfo thread)
    {
        if (!TryResult(ev, out var result) || result < 0) return;
        var fds = FdsOf(thread);
        if (EventParams.TryInt64(ev, ParamSlots.Fd1, out var first)) fds[first] = new FdEntry(FdKind.UnixSocket, 0, []);
        if (EventParams.TryInt64(ev, ParamSlots.Fd2, out var second)) fds[second] = new FdEntry(FdKind.UnixSocket, 0, []);
    }

    void OnDup(in EventView ev, ThreadInfo thread)
    {
        if (!TryResult(ev, out var newFd) || newFd < 0) return;
        var old = Argument(thread, ev, ParamSlots.Oldfd);
        if (old.IsEmpty) old = Argument(thread, ev, ParamSlots.Fd);
        if (EventParams.TryInt64(old, out var oldFd)) Duplicate(thread, oldFd, newFd);
    }

    // fcntl's F_DUPFD and F_DUPFD_CLOEXEC (PPM_FCNTL_* numbers) duplicate like dup.
    void OnFcntl(in EventView ev, ThreadInfo thread)
    {
        const uint DupFd = 1, DupFdCloseOnExec = 0x1a;
        if (!TryResult(ev, out var newFd) || newFd < 0) return;
        var command = ReadUInt32(Argument(thread, ev, ParamSlots.Cmd));
        if (command is not (DupFd or DupFdCloseOnExec)) return;
        if (EventParams.TryInt64(Argument(thread, ev, ParamSlots.Fd), out var oldFd)) Duplicate(thread, oldFd, newFd);
    }

    void Duplicate(ThreadInfo thread, long oldFd, long newFd)
    {
        var fds = FdsOf(thread);
        if (fds.TryGetValue(oldFd, out var entry)) fds[newFd] = entry;
        else fds.Remove(newFd);
    }

    void AddResultFd(in EventView ev, ThreadInfo thread, FdKind kind)
    {
        if (TryResult(ev, out var fd) && fd >= 0) FdsOf(thread)[fd] = new FdEntry(kind, 0, []);
    }

    // Closes first..last (last may be ~0). With CLOSE_RANGE_CLOEXEC the descriptors stay open;
    // the table keeps no close-on-exec bit, so that changes nothing here.
    void OnCloseRange(in EventView ev, ThreadInfo thread)
    {
        const uint CloseOnExec = 0x4;
        if (!TryResult(ev, out var result) || result < 0) return;
        if (!EventParams.TryUInt32(ev, ParamSlots.First, out var first) || !EventParams.TryUInt32(ev, ParamSlots.Last, out var last)
            || !EventParams.TryUInt32(ev, ParamSlots.Flags, out var flags) || (flags & CloseOnExec) != 0) return;
        var fds = FdsOf(thread);
        foreach (var fd in fds.Keys.Where(fd => fd >= first && fd <= last).ToList()) fds.Remove(fd);
    }
}
