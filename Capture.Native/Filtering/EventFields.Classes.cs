using Capture.Native.Events;
using Capture.Native.Processes;
using Capture.Native.Schema;

namespace Capture.Native.Filtering;

/// <summary>
/// What kind of event this is: its category, whether it does I/O or waits, and the counters
/// chisels sum (evt.count.*), as sysdig 0.29.3 derives them from the event table's flags and
/// the descriptor the event is about.
/// </summary>
ref partial struct EventFields
{
    // The bits of an event's category that say where it comes from, not what it is about.
    const EventCategory SourceBits = EventCategory.SYSCALL | EventCategory.TRACEPOINT | EventCategory.PLUGIN | EventCategory.METAEVENT | EventCategory.ITER;

    // The driver's mode bits for any execute permission (PPM_S_IXUSR | PPM_S_IXGRP | PPM_S_IXOTH).
    const uint AnyExecuteBit = 0x40 | 0x08 | 0x01;
    // The driver's open flags that create a file (PPM_O_CREAT, PPM_O_TMPFILE).
    const uint CreatesFile = 1 << 2 | 1 << 13;

    bool TryClassNumber(FieldId id, out long value)
    {
        value = 0;
        var flags = _ev.Info.Flags;
        switch (id)
        {
            case FieldId.EventIsIo: value = (flags & (EventFlags.READS_FROM_FD | EventFlags.WRITES_TO_FD)) != 0 ? 1 : 0; return true;
            case FieldId.EventIsIoRead: value = (flags & EventFlags.READS_FROM_FD) != 0 ? 1 : 0; return true;
            case FieldId.EventIsIoWrite: value = (flags & EventFlags.WRITES_TO_FD) != 0 ? 1 : 0; return true;
            case FieldId.EventIsWait: value = (flags & EventFlags.WAITS) != 0 ? 1 : 0; return true;
            case FieldId.EventWaitLatency:
                if ((flags & EventFlags.WAITS) == 0 || _ev.Info.Direction != EventDirection.Exit) return false;
                value = (long)(_thread?.Latency ?? 0);
                return true;
            case FieldId.EventIsSyslog:
                value = (flags & EventFlags.WRITES_TO_FD) != 0 && EventFd() is { } written && written.Name.AsSpan().IndexOf("/dev/log"u8) >= 0 ? 1 : 0;
                return true;
            case FieldId.EventBufferLength:
                if ((Category() & EventCategory.IO_BASE) == 0 || EventFd() is null || !TryResult(out value) || value < 0) return false;
                return true;
            case FieldId.EventCountExit:
                value = 1;
                return _ev.Info.Direction == EventDirection.Exit;
            case FieldId.EventCountError:
                return TryErrorCount(out value);
            case FieldId.EventCountErrorFile or FieldId.EventCountErrorNet or FieldId.EventCountErrorMemory or FieldId.EventCountErrorOther:
                return CountsErrorAs(id) && TryErrorCount(out value);
            case FieldId.EventIsOpenExec:
                value = CreatesExecutable() ? 1 : 0;
                return true;
            default:
                return false;
        }
    }

    bool TryClassText(FieldId id, out ReadOnlySpan<byte> value)
    {
        value = default;
        switch (id)
        {
            case FieldId.EventCategoryName:
                value = CategoryName();
                return true;
            case FieldId.EventIoDirection:
                var flags = _ev.Info.Flags;
                if ((flags & EventFlags.WRITES_TO_FD) != 0) value = "write"u8;
                else if ((flags & EventFlags.READS_FROM_FD) != 0) value = "read"u8;
                return !value.IsEmpty;
            default:
                return false;
        }
    }

    /// <summary>What the event is about, without where it comes from.</summary>
    EventCategory Category() => _ev.Info.Category & ~SourceBits;

    ReadOnlySpan<byte> CategoryName()
    {
        var category = Category();
        if (_ev.Info.Id is EventIds.PPME_GENERIC_E or EventIds.PPME_GENERIC_X)
        {
            // A call with no filler of its own: filed under what the syscall table says of
            // it, and as I/O of no known kind (sysdig does not look at its descriptor).
            category = EventParams.TryUInt32(_ev, ParamSlots.ID, out var code) ? SyscallCodes.CategoryOf((ushort)code) : EventCategory.OTHER;
            if ((category & EventCategory.IO_BASE) != 0) return "unknown"u8;
        }
        else if ((category & EventCategory.IO_BASE) != 0)
        {
            // For I/O, the kind of descriptor: sysdig names the category after it.
            if (EventFd() is not { } fd) return "unknown"u8;
            return fd.Kind switch
            {
                var kind when IsFileLike(kind) => "file"u8,
                var kind when kind.IsIpSocket() => "net"u8,
                FdKind.Fifo or FdKind.UnixSocket or FdKind.Event or FdKind.SignalFd or FdKind.Inotify => "ipc"u8,
                _ => "unknown"u8,
            };
        }
        return category switch
        {
            EventCategory.OTHER => "other"u8,
            EventCategory.FILE => "file"u8,
            EventCategory.NET => "net"u8,
            EventCategory.IPC => "IPC"u8,
            EventCategory.MEMORY => "memory"u8,
            EventCategory.PROCESS => "process"u8,
            EventCategory.SLEEP => "sleep"u8,
            EventCategory.SYSTEM => "system"u8,
            EventCategory.SIGNAL => "signal"u8,
            EventCategory.USER => "user"u8,
            EventCategory.TIME => "time"u8,
            EventCategory.PROCESSING => "processing"u8,
            EventCategory.WAIT => "wait"u8,
            EventCategory.SCHEDULER => "scheduler"u8,
            _ => "unknown"u8,
        };
    }

    /// <summary>1 for a failed system call exit, nothing for every other event.</summary>
    bool TryErrorCount(out long value)
    {
        // sysdig 0.29.3 gives no value, not 0, for a call that succeeded.
        value = 1;
        return TryResult(out var result) && result < 0;
    }

    /// <summary>
    /// Whether an event counts under one of the four error counters: by its descriptor's kind,
    /// or without one by the call (a failed open is a file error, a failed accept or connect a
    /// network one); memory events by their category alone, so an event can count twice.
    /// </summary>
    bool CountsErrorAs(FieldId counter)
    {
        var fd = EventFd();
        var kind = fd?.Kind ?? FdKind.Unknown;
        var onFile = fd is null ? IsExitOf(StateChange.Open) : IsFileLike(kind);
        var onNet = fd is null
            ? IsExitOf(StateChange.Accept) || IsExitOf(StateChange.Connect)
            : kind.IsIpSocket() || kind == FdKind.UnixSocket;
        var onMemory = Category() == EventCategory.MEMORY;
        return counter switch
        {
            FieldId.EventCountErrorFile => onFile,
            FieldId.EventCountErrorNet => onNet,
            FieldId.EventCountErrorMemory => onMemory,
            _ => !onFile && !onNet && (fd is not null || !onMemory),
        };
    }

    /// <summary>The descriptor kinds sysdig counts as files: files and directories.</summary>
    static bool IsFileLike(FdKind kind) => kind is FdKind.File or FdKind.FileV2 or FdKind.Directory;

    bool IsExitOf(StateChange change) => _ev.Info.Direction == EventDirection.Exit && StateChanges.Of(_ev.Type) == change;

    /// <summary>An open that creates a file (O_CREAT or O_TMPFILE) or a creat, with an execute bit in the mode.</summary>
    bool CreatesExecutable()
    {
        if (!IsExitOf(StateChange.Open)) return false;
        if (_ev.Info.Id != EventIds.PPME_SYSCALL_CREAT_X && (OpenFlags() & CreatesFile) == 0) return false;
        return EventParams.TryUInt32(_ev, ParamSlots.Mode, out var mode) && (mode & AnyExecuteBit) != 0;
    }
}
