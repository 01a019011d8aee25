using Capture.Native.Events;
using Capture.Native.Formatting;
using Capture.Native.Processes;
using Capture.Native.Schema;

namespace Capture.Native.Filtering;

/// <summary>
/// The values of the filter fields for one event, read from the event and from what the
/// thread table knows, without copying: text comes as UTF-8 bytes the table or a name cache
/// already holds. A field with no value (proc.name of a thread never seen, fd.name of an
/// event with no descriptor) makes every comparison on it false, as in sysdig.
/// </summary>
ref struct EventFields
{
    static readonly byte[] Enter = ">"u8.ToArray();
    static readonly byte[] Exit = "<"u8.ToArray();
    static readonly byte[] Success = "SUCCESS"u8.ToArray();

    readonly EventView _ev;
    readonly ulong _number;
    readonly ushort _cpu;
    readonly ThreadInfo? _thread;
    readonly ThreadTable? _threads;

    public EventFields(in EventView ev, ulong number, ushort cpu, ThreadInfo? thread, ThreadTable? threads)
    {
        _ev = ev;
        _number = number;
        _cpu = cpu;
        _thread = thread;
        _threads = threads;
    }

    public bool TryNumber(FieldId id, out long value)
    {
        value = 0;
        switch (id)
        {
            case FieldId.EventNumber: value = (long)_number; return true;
            case FieldId.EventRawTime: value = (long)_ev.Timestamp; return true;
            case FieldId.EventCpu: value = _cpu; return true;
            case FieldId.ThreadId: value = (long)_ev.ThreadId; return true;
            case FieldId.ProcessId:
                if (_thread is null) return false;
                value = _thread.Pid;
                return true;
            case FieldId.ParentPid:
                if (MainThread() is not { ParentTid: >= 0 } main) return false;
                value = main.ParentTid;
                return true;
            case FieldId.EventRawResult: return TryResult(out value);
            case FieldId.EventFailed:
                // As sysdig 0.29.3 has it: false for every event that is not a failed exit.
                value = TryResult(out var result) && result < 0 ? 1 : 0;
                return true;
            case FieldId.FdNumber:
                // sysdig's number for the descriptor a call is about to create.
                if ((_ev.Info.Flags & EventFlags.CREATES_FD) != 0 && _ev.Info.Direction == EventDirection.Enter)
                {
                    value = -1;
                    return true;
                }
                if (_thread is not null && _threads is not null) return _threads.TryEventFd(_ev, _thread, out value, out _);
                // A thread never seen: the event's own fd argument is still its descriptor.
                return (_ev.Info.Flags & (EventFlags.CREATES_FD | EventFlags.USES_FD)) != 0 && EventParams.TryInt64(_ev, "fd", out value);
            default: return false;
        }
    }

    public bool TryText(FieldId id, out ReadOnlySpan<byte> value)
    {
        value = default;
        switch (id)
        {
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
            case FieldId.ProcessExe:
                if (_thread is null) return false;
                value = _thread.Exe;
                return true;
            case FieldId.ParentName:
                // sysdig 0.29.3 names the parent of the thread itself (a thread's creator),
                // while proc.ppid is the process's parent.
                if (_thread is not { ParentTid: >= 0 } child || _threads?.Find(child.ParentTid) is not { } parent) return false;
                value = parent.Comm;
                return true;
            case FieldId.FdTypeChar:
                if (_thread is null || _threads is null || !_threads.TryEventFd(_ev, _thread, out _, out var typed) || typed is null) return false;
                value = TypeChars.Of(typed.Kind);
                return true;
            case FieldId.FdName:
                if (_thread is null || _threads is null || !_threads.TryEventFd(_ev, _thread, out var fd, out var entry)) return false;
                if (entry is not null)
                {
                    value = Trimmed(entry.Name);
                    return true;
                }
                // A failed open has no descriptor; sysdig names the path it tried, so
                // "fd.name=/etc/shadow and evt.failed=true" finds the attempts.
                if (fd >= 0 || (_ev.Info.Flags & EventFlags.CREATES_FD) == 0) return false;
                var (offset, length) = EventParams.Locate(_ev, "name");
                value = EventParams.UpToNul(_ev.Frame.Slice(offset, length));
                return !value.IsEmpty;
            default: return false;
        }
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

/// <summary>fd.typechar values, one reused one-byte array per kind.</summary>
static class TypeChars
{
    static readonly byte[][] s_chars = Enumerable.Range(0, 256).Select(c => new[] { (byte)c }).ToArray();

    public static byte[] Of(FdKind kind) => s_chars[kind.TypeChar()];
}
