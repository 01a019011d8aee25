using Capture.Native.Containers;
using Capture.Native.Events;
using Capture.Native.Formatting;
using Capture.Native.Processes;
using Capture.Native.Schema;
using Capture.Native.Text;

namespace Capture.Native.Filtering;

/// <summary>
/// The values of the filter fields for one event, read from the event and from what the
/// thread table knows, without copying: text comes as UTF-8 bytes the table or a name cache
/// already holds, or (evt.arg.*) the context's scratch buffer. A field with no value (proc.name of a thread never seen, fd.name of an
/// event with no descriptor) makes every comparison on it false, as in sysdig.
/// </summary>
ref partial struct EventFields
{
    static readonly byte[] Enter = ">"u8.ToArray();
    static readonly byte[] Exit = "<"u8.ToArray();
    static readonly byte[] Success = "SUCCESS"u8.ToArray();

    readonly EventView _ev;
    readonly ulong _number;
    readonly ushort _cpu;
    readonly ThreadInfo? _thread;
    readonly ThreadTable? _threads;
    readonly FieldContext _context;

    public EventFields(in EventView ev, ulong number, ushort cpu, FieldContext context)
    {
        _ev = ev;
        _number = number;
        _cpu = cpu;
        _context = context;
        _threads = context.Threads;
        _thread = _threads?.Find((long)ev.ThreadId);
    }

    public bool TryNumber(FilterField field, out long value)
    {
        value = 0;
        var id = field.Id;
        switch (id)
        {
            case FieldId.EventNumber: value = (long)_number; return true;
            case FieldId.EventRawTime: value = (long)_ev.Timestamp; return true;
            case FieldId.EventLatency:
                value = (long)(_thread?.Latency ?? 0);
                return true;
            case FieldId.EventCpu: value = _cpu; return true;
            case FieldId.ThreadId: value = (long)_ev.ThreadId; return true;
            case FieldId.ProcessId:
                if (_thread is null) return false;
                value = _thread.Pid;
                return true;
            case FieldId.UserId or FieldId.GroupId:
                if (_thread is null) return false;
                value = id == FieldId.UserId ? _thread.Uid : _thread.Gid;
                return true;
            case FieldId.ParentPid:
                if (MainThread() is not { ParentTid: >= 0 } main) return false;
                value = main.ParentTid;
                return true;
            case FieldId.EventCount: value = 1; return true;
            case FieldId.ThreadIsMain:
                if (_thread is null) return false;
                value = _thread.Tid == _thread.Pid ? 1 : 0;
                return true;
            case FieldId.ThreadVtid:
                if (_thread is not { Vtid: >= 0 }) return false;
                value = _thread.Vtid;
                return true;
            case FieldId.ProcessVpid:
                if (_thread is not { Vpid: >= 0 }) return false;
                value = _thread.Vpid;
                return true;
            case FieldId.ContainerPrivileged:
                // Only where the runtime reports it, as sysdig has it; never for the host.
                if (_thread?.Container is not { IsHost: false } privileged || privileged.Metadata is not { Privileged: { } isPrivileged }
                    || !ContainerTypes.KnowsPrivilege(privileged.Type)) return false;
                value = isPrivileged ? 1 : 0;
                return true;
            case FieldId.EventIsOpenRead or FieldId.EventIsOpenWrite:
                value = (OpenFlags() & (id == FieldId.EventIsOpenRead ? OpenForReading : OpenForWriting)) != 0 ? 1 : 0;
                return true;
            case FieldId.AncestorPid:
                if (Ancestor(Math.Max(field.Generation, 0)) is not { } ancestor) return false;
                value = ancestor.Pid;
                return true;
            case FieldId.EventRawResult: return TryResult(out value);
            case FieldId.EventFailed:
                // As sysdig 0.29.3 has it: false for every event that is not a failed exit.
                value = TryResult(out var result) && result < 0 ? 1 : 0;
                return true;
            case FieldId.FdServerPort:
                return TryEndpoint(client: false, out _, out value);
            case FieldId.FdClientPort:
                if (TryEndpoint(client: true, out _, out value)) return true;
                // A listening socket has no client: sysdig gives it port 0 (and no address).
                value = 0;
                return TryEndpoint(client: false, out _, out _);
            case FieldId.FdNumber:
                // sysdig's number for the descriptor a call is about to create.
                if ((_ev.Info.Flags & EventFlags.CREATES_FD) != 0 && _ev.Info.Direction == EventDirection.Enter)
                {
                    value = -1;
                    return true;
                }
                if (_thread is not null && _threads is not null)
                {
                    if (!_threads.TryEventFd(_ev, _thread, out value, out _)) return false;
                    // A failed creation has no descriptor: sysdig says -1, not the error.
                    if (value < 0 && (_ev.Info.Flags & EventFlags.CREATES_FD) != 0) value = -1;
                    return true;
                }
                // A thread never seen: the event's own fd argument is still its descriptor.
                return (_ev.Info.Flags & (EventFlags.CREATES_FD | EventFlags.USES_FD)) != 0 && EventParams.TryInt64(_ev, ParamSlots.Fd, out value);
            default: return TryTimeNumber(id, field, out value) || TryClassNumber(id, out value) || TrySocketNumber(id, out value) || TryArgumentNumber(field, out value) || TryProcessNumber(id, out value);
        }
    }

    public bool TryText(FilterField field, out ReadOnlySpan<byte> value)
    {
        value = default;
        var id = field.Id;
        switch (id)
        {
            case FieldId.EventArgument:
                if (!ArgumentText.TryWrite(_context, _ev, _thread, field.Argument!)) return false;
                value = _context.Scratch.Written;
                return true;
            case FieldId.EventType: value = EventTypeNames.Of(_ev); return true;
            case FieldId.EventDirection: value = _ev.Info.Direction == EventDirection.Enter ? Enter : Exit; return true;
            case FieldId.EventResult:
                if (!TryResult(out var result)) return false;
                value = result >= 0 ? Success : ErrnoNames.ForResult(result);
                return !value.IsEmpty;
            case FieldId.ProcessName:
                if (_thread is null) return false;
                value = _thread.Comm;
                return true;
            case FieldId.ContainerId:
                if (_thread is null) return false;
                value = _thread.Container.Id;
                return true;
            case FieldId.ContainerName or FieldId.ContainerType or FieldId.ContainerImage or FieldId.ContainerImageRepository
                or FieldId.ContainerImageTag or FieldId.ContainerImageId or FieldId.ContainerImageDigest:
                return _thread is not null && TryContainerText(_thread.Container, id, out value);
            case FieldId.UserName:
                if (_thread is null || _context.Parameters.Accounts?.UserName(_thread.Uid) is not { } user) return false;
                value = user;
                return true;
            case FieldId.GroupName:
                if (_thread is null || _context.Parameters.Accounts?.GroupName(_thread.Gid) is not { } group) return false;
                value = group;
                return true;
            case FieldId.ProcessExe:
                if (_thread is null) return false;
                value = _thread.Exe;
                return true;
            case FieldId.ProcessArgs or FieldId.ProcessCommandLine:
                if (_thread is null) return false;
                WriteCommandLine(_context.Scratch, _thread, withName: id == FieldId.ProcessCommandLine);
                value = _context.Scratch.Written;
                return true;
            case FieldId.ParentName:
                // sysdig 0.29.3 names the parent of the thread itself (a thread's creator),
                // while proc.ppid is the process's parent.
                if (_thread is not { ParentTid: >= 0 } child || _threads?.Find(child.ParentTid) is not { } parent) return false;
                value = parent.Comm;
                return true;
            case FieldId.AncestorName:
                if (Ancestor(Math.Max(field.Generation, 0)) is not { } named) return false;
                value = named.Comm;
                return true;
            case FieldId.ParentCommandLine:
                // As proc.pname: sysdig 0.29.3 takes the thread's own creator, not the process's parent.
                if (_thread is not { ParentTid: >= 0 } creator || _threads?.Find(creator.ParentTid) is not { } parentProcess) return false;
                WriteCommandLine(_context.Scratch, parentProcess, withName: true);
                value = _context.Scratch.Written;
                return true;
            case FieldId.FdSocketFamily:
                if (EventFd() is not { } familyOf) return false;
                value = familyOf.Kind.IsIpSocket() ? "ip"u8 : familyOf.Kind == FdKind.UnixSocket ? "unix"u8 : default;
                return !value.IsEmpty;
            case FieldId.FdType:
                if (EventFd() is not { } typedEntry) return false;
                value = FdTypeNames.Of(typedEntry.Kind);
                return true;
            case FieldId.FdDirectory or FieldId.FdFilename:
                return TryPathPart(id == FieldId.FdDirectory, out value);
            case FieldId.FdClientIp or FieldId.FdServerIp:
                return TryEndpoint(id == FieldId.FdClientIp, out value, out _);
            case FieldId.FdL4Protocol:
                if (EventSocket() is not { } socket) return false;
                value = TransportNames.Of(socket.Transport); // none until the socket has addresses, as sysdig shows it
                return !value.IsEmpty;
            case FieldId.FdTypeChar:
                if (_thread is null || _threads is null || !_threads.TryEventFd(_ev, _thread, out var typedFd, out var typed)) return false;
                if (typed is not null)
                {
                    value = TypeChars.Of(typed.Kind);
                    return true;
                }
                if (!IsFailedOpen(typedFd)) return false;
                value = TypeChars.Of(FdKind.File);
                return true;
            case FieldId.FdName:
                if (_thread is null || _threads is null || !_threads.TryEventFd(_ev, _thread, out var fd, out var entry)) return false;
                if (entry is not null && IsFailedConnect())
                {
                    // The table keeps the socket's name, but sysdig names the failed attempt by
                    // the tuple it carries, so "fd.name contains nscd" finds it.
                    _context.Scratch.Clear();
                    SocketText.WriteSocktuple(_context.Scratch, EventParams.Bytes(_ev, ParamSlots.Tuple));
                    value = _context.Scratch.Written;
                    return true;
                }
                if (entry is not null)
                {
                    value = Trimmed(entry.Name);
                    return true;
                }
                if (!IsFailedOpen(fd)) return false;
                var (offset, length) = EventParams.Locate(_ev, ParamSlots.Name);
                value = EventParams.UpToNul(_ev.Frame.Slice(offset, length));
                return !value.IsEmpty;
            default: return TryTimeText(id, field, out value) || TryClassText(id, out value) || TrySocketText(id, out value) || TryArgumentText(field, out value) || TryProcessText(id, field, out value);
        }
    }

    /// <summary>
    /// What the container's runtime (or the capture's container events) said of it. The host
    /// is named and typed "host" and has no image; a container not described yet has its type
    /// (from its cgroups) and nothing else.
    /// </summary>
    static bool TryContainerText(Container container, FieldId id, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (id == FieldId.ContainerType)
        {
            value = ContainerTypes.NameOf(container.Type);
            return !value.IsEmpty;
        }
        if (container.IsHost)
        {
            if (id == FieldId.ContainerName) value = container.Id;
            return id == FieldId.ContainerName;
        }
        if (container.Metadata is not { } metadata) return false;
        value = id switch
        {
            FieldId.ContainerName => metadata.Name,
            FieldId.ContainerImage => metadata.Image,
            FieldId.ContainerImageRepository => metadata.ImageRepository,
            FieldId.ContainerImageTag => metadata.ImageTag,
            FieldId.ContainerImageId => metadata.ImageId,
            _ => metadata.ImageDigest,
        };
        return !value.IsEmpty;
    }

    /// <summary>
    /// The process <paramref name="generation"/> steps up from this event's process (0 the
    /// process itself), following each main thread's parent as libsinsp does; null past the
    /// oldest one the table knows. Public to the any-ancestor comparison, which walks them all.
    /// </summary>
    public ThreadInfo? Ancestor(int generation)
    {
        var current = MainThread();
        for (var i = 0; i < generation && current is not null; i++)
            current = Parent(current);
        return current;
    }

    /// <summary>The descriptor entry the event uses or creates, when the table has one.</summary>
    FdEntry? EventFd() =>
        _thread is not null && _threads is not null && _threads.TryEventFd(_ev, _thread, out _, out var entry) ? entry : null;

    /// <summary>
    /// fd.directory and fd.filename, split at the last '/' of the name as sysdig splits it: a
    /// directory is its own fd.directory and has no fd.filename; a failed open has a directory
    /// (from the path it tried) but no file name; a name with no '/' splits into "/" and "/".
    /// (sysdig 0.29.3 gives "/" even to a descriptor it knows nothing of.)
    /// </summary>
    bool TryPathPart(bool directory, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (_thread is null || _threads is null || !_threads.TryEventFd(_ev, _thread, out var fd, out var entry)) return false;
        bool isFile;
        if (entry is not null)
        {
            isFile = entry.Kind is FdKind.File or FdKind.FileV2;
            if (!isFile && !(directory && entry.Kind == FdKind.Directory)) return false;
            value = Trimmed(entry.Name);
        }
        else
        {
            // No entry: sysdig takes the name from the event (the path a failed open tried),
            // and on an exit a descriptor it never saw opened has an empty name, so the
            // directory "/" (an enter has no name at all).
            if (!directory || _ev.Info.Direction == EventDirection.Enter) return false;
            isFile = true;
            if (IsFailedOpen(fd))
            {
                var (offset, length) = EventParams.Locate(_ev, ParamSlots.Name);
                value = EventParams.UpToNul(_ev.Frame.Slice(offset, length));
            }
        }
        if (!isFile) return true;
        var slash = value.LastIndexOf((byte)'/');
        if (directory)
        {
            if (slash <= 0) value = Root;
            else if (slash < value.Length - 1) value = value[..slash];
        }
        else if (slash < 0) value = Root;
        else if (slash < value.Length - 1) value = value[(slash + 1)..];
        return true;
    }

    static readonly byte[] Root = "/"u8.ToArray();

    // The driver's open flags (PPM_O_RDONLY, PPM_O_WRONLY; read-write sets both).
    const uint OpenForReading = 1;
    const uint OpenForWriting = 2;

    /// <summary>
    /// The flags of an open call's exit, as libsinsp reads them for evt.is_open_*: only exits
    /// that carry flags (creat has none, old openat exits neither); 0 for every other event.
    /// </summary>
    uint OpenFlags() => IsExitOf(StateChange.Open) && EventParams.TryUInt32(_ev, ParamSlots.Flags, out var flags) ? flags : 0;

    bool IsFailedConnect() =>
        StateChanges.Of(_ev.Type) == StateChange.Connect && TryResult(out var result) && result < 0
        && !EventParams.Bytes(_ev, ParamSlots.Tuple).IsEmpty;

    /// <summary>
    /// A failed open has no descriptor, yet sysdig treats it as a file named by the path it
    /// tried, so "fd.name=/etc/shadow and evt.failed=true" finds the attempts.
    /// </summary>
    bool IsFailedOpen(long fd) =>
        fd < 0 && (_ev.Info.Flags & EventFlags.CREATES_FD) != 0 && EventParams.IndexOf(_ev, ParamSlots.Name) >= 0;

    /// <summary>
    /// The arguments as sysdig joins them, each NUL between two arguments a space (an empty
    /// argument stays, as an extra space); for proc.cmdline after the command name.
    /// </summary>
    static void WriteCommandLine(Utf8Buffer dst, ThreadInfo thread, bool withName)
    {
        dst.Clear();
        if (withName)
        {
            dst.Append(thread.Comm);
            if (thread.Args.Length == 0) return;
            dst.Append((byte)' ');
        }
        AppendArguments(dst, thread.Args);
    }

    /// <summary>NUL-separated arguments with a space between each two (the last NUL ends them).</summary>
    static void AppendArguments(Utf8Buffer dst, ReadOnlySpan<byte> args)
    {
        if (!args.IsEmpty && args[^1] == 0) args = args[..^1];
        foreach (var b in args) dst.Append(b == 0 ? (byte)' ' : b);
    }

    /// <summary>The event's descriptor when it is an IP socket.</summary>
    FdEntry? EventSocket() =>
        _thread is not null && _threads is not null && _threads.TryEventFd(_ev, _thread, out _, out var entry)
            && entry is not null && entry.Kind.IsIpSocket() ? entry : null;

    /// <summary>
    /// One end of an IP socket, from its name as sysdig writes it: "client->server" for a
    /// connection, the address alone for a listening socket (a server end only). The port
    /// follows the last ':' of each end (IPv6 addresses have colons of their own).
    /// </summary>
    bool TryEndpoint(bool client, out ReadOnlySpan<byte> address, out long port)
    {
        address = default;
        port = 0;
        if (EventSocket() is not { } socket) return false;
        var name = Trimmed(socket.Name);
        var arrow = name.IndexOf("->"u8);
        ReadOnlySpan<byte> end;
        if (arrow >= 0) end = client ? name[..arrow] : name[(arrow + 2)..];
        else if (client) return false;
        else end = name;
        if (!SocketEnds.TrySplitEnd(end, out address, out var parsed)) return false;
        port = parsed;
        return true;
    }

    /// <summary>
    /// A name as sysdig shows it: up to a NUL, without the line end some socket names carry in
    /// fd lists (the text line drops such bytes too).
    /// </summary>
    static ReadOnlySpan<byte> Trimmed(ReadOnlySpan<byte> name)
    {
        var end = name.IndexOf((byte)0);
        if (end >= 0) name = name[..end];
        while (!name.IsEmpty && name[^1] < 0x20) name = name[..^1];
        return name;
    }

    /// <summary>The process's main thread (tid = pid): its parent is the process's parent, as libsinsp takes it.</summary>
    ThreadInfo? MainThread() => _thread is null ? null : _threads?.Find(_thread.Pid) ?? _thread;

    /// <summary>The return value: the first parameter of a system call's exit (libsinsp's rule; a generic exit has none).</summary>
    bool TryResult(out long value)
    {
        value = 0;
        var info = _ev.Info;
        if (info.Direction != EventDirection.Exit || (info.Category & EventCategory.SYSCALL) == 0
            || info.Id == EventIds.PPME_GENERIC_X || _ev.ParamCount == 0) return false;
        return EventParams.TryInt64(_ev.Param(0), out value);
    }
}
