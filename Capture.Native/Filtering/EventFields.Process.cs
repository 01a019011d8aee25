using Capture.Native.Processes;
using Capture.Native.Text;

namespace Capture.Native.Filtering;

/// <summary>
/// The process around the event — session, terminal, paths, environment, cgroups, limits,
/// thread counts — and its users, as sysdig 0.29.3 reads them from its thread table. Every
/// value is the thread's own or its process's, never recomputed from /proc per event.
/// </summary>
ref partial struct EventFields
{
    // A walk up the parents stops here: a table with a loop in it must not hang a filter.
    const int MostGenerations = 4096;

    bool TryProcessNumber(FieldId id, out long value)
    {
        value = 0;
        if (_thread is null) return false;
        switch (id)
        {
            case FieldId.ProcessSid: value = _thread.Sid; return true;
            case FieldId.ProcessVpgid: value = _thread.Vpgid; return true;
            case FieldId.ProcessTty: value = _thread.Tty; return true;
            case FieldId.UserLoginUid: value = _thread.LoginUid; return true;
            case FieldId.ProcessIsExeWritable: value = _thread.ExeWritable ? 1 : 0; return true;
            case FieldId.ProcessDuration:
                // Only threads seen being cloned know when they started.
                if (_thread.CloneTime == 0) return false;
                value = (long)(_ev.Timestamp - _thread.CloneTime);
                return true;
            case FieldId.ProcessFdLimit: value = MainThread()!.FdLimit; return true;
            case FieldId.ProcessFdOpenCount:
                if (_threads is null) return false;
                value = _threads.OpenFdCount(_thread);
                return true;
            case FieldId.ProcessChildCount:
                if (_threads is null) return false;
                value = _threads.ThreadsBesidesMain(_thread.Tid);
                return true;
            case FieldId.ProcessThreadCount:
                // Counted on the main thread, which a thread whose process was never seen lacks.
                if (_threads?.Find(_thread.Pid) is not { } main) return false;
                value = _threads.ThreadsBesidesMain(main.Tid) + 1;
                return true;
            case FieldId.ProcessVmSize: value = _thread.VmSizeKb; return true;
            case FieldId.ProcessVmRss: value = _thread.VmRssKb; return true;
            case FieldId.ProcessVmSwap: value = _thread.VmSwapKb; return true;
            case FieldId.ThreadVmSize: value = _thread.Tid == _thread.Pid ? _thread.VmSizeKb : 0; return true;
            case FieldId.ThreadVmRss: value = _thread.Tid == _thread.Pid ? _thread.VmRssKb : 0; return true;
            case FieldId.ThreadMajorFaults: value = (long)_thread.MajorFaults; return true;
            case FieldId.ThreadMinorFaults: value = (long)_thread.MinorFaults; return true;
            case FieldId.ProcessLoginShellId:
                if (LoginShell() is not { } shell) return false;
                value = shell.Pid;
                return true;
            default: return false;
        }
    }

    bool TryProcessText(FieldId id, FilterField field, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (_thread is null) return false;
        switch (id)
        {
            case FieldId.ProcessExePath: value = _thread.ExePath; return true;
            case FieldId.ProcessCwd:
                if (_threads is null) return false;
                value = _threads.CwdOf(_thread);
                return true;
            case FieldId.ProcessExeLine:
                // The executable and a space even with no arguments, as sysdig writes it.
                _context.Scratch.Clear();
                _context.Scratch.Append(_thread.Exe);
                _context.Scratch.Append((byte)' ');
                AppendArguments(_context.Scratch, _thread.Args);
                value = _context.Scratch.Written;
                return true;
            case FieldId.ProcessEnv:
                _context.Scratch.Clear();
                AppendEnvironment(_context.Scratch, (MainThread() ?? _thread).Env);
                value = _context.Scratch.Written;
                return true;
            case FieldId.ProcessSessionName:
                if (SessionLeader() is not { } leader) return false;
                value = leader.Comm;
                return true;
            case FieldId.ThreadCgroups:
                return TryCgroups(null, out value);
            case FieldId.ThreadCgroup:
                return TryCgroups(field.Argument, out value);
            case FieldId.UserHomeDirectory or FieldId.UserShell:
                if (_context.Parameters.Accounts is not { } accounts || !accounts.HasUser(_thread.Uid)) return false;
                value = id == FieldId.UserHomeDirectory ? accounts.HomeDirectory(_thread.Uid) : accounts.Shell(_thread.Uid);
                return true;
            case FieldId.UserLoginName:
                if (_context.Parameters.Accounts?.UserName(unchecked((uint)_thread.LoginUid)) is not { } login) return false;
                value = login;
                return true;
            default: return false;
        }
    }

    /// <summary>
    /// The environment's NUL-terminated entries joined by spaces, as libsinsp joins them,
    /// stopping where only NULs are left (a driver pads it).
    /// </summary>
    static void AppendEnvironment(Utf8Buffer dst, ReadOnlySpan<byte> entries)
    {
        var first = true;
        while (!entries.IsEmpty)
        {
            if (entries[0] == 0 && entries.IndexOfAnyExcept((byte)0) < 0) return;
            var end = entries.IndexOf((byte)0);
            var entry = end < 0 ? entries : entries[..end];
            if (!first) dst.Append((byte)' ');
            dst.Append(entry);
            first = false;
            entries = end < 0 ? default : entries[(end + 1)..];
        }
    }

    /// <summary>
    /// The session's leader: the thread whose tid is the session id when the table has it,
    /// else (it exited) the oldest ancestor still in the same session, as libsinsp decides.
    /// </summary>
    ThreadInfo? SessionLeader()
    {
        if (_threads?.Find(_thread!.Sid) is { } leader) return leader;
        var current = MainThread();
        if (current is null) return null;
        var sid = current.Sid;
        var parent = Parent(current);
        for (var i = 0; parent is not null && parent.Sid == sid && i < MostGenerations; i++)
        {
            current = parent;
            parent = Parent(current);
        }
        return current;
    }

    /// <summary>The oldest of the process and its ancestors whose name ends in "sh" (bash, zsh, sh).</summary>
    ThreadInfo? LoginShell()
    {
        ThreadInfo? shell = null;
        var current = MainThread();
        for (var i = 0; current is not null && i < MostGenerations; i++)
        {
            if (current.Comm.AsSpan().EndsWith("sh"u8)) shell = current;
            current = Parent(current);
        }
        return shell;
    }

    /// <summary>The thread's parent as the table has it; null for none, or a thread named its own parent.</summary>
    ThreadInfo? Parent(ThreadInfo thread) =>
        thread.ParentTid >= 0 && thread.ParentTid != thread.Tid ? _threads?.Find(thread.ParentTid) : null;

    /// <summary>
    /// thread.cgroups (every entry, <paramref name="controller"/> null) or one controller's
    /// path, with the controller names libsinsp normalizes ("cpu_cgroup" → "cpu", "mem" →
    /// "memory", "io" → "blkio", "perf" → "perf_event"); each entry splits at its last '='.
    /// </summary>
    bool TryCgroups(string? controller, out ReadOnlySpan<byte> value)
    {
        value = default;
        ReadOnlySpan<byte> entries = _thread!.Cgroups;
        if (entries.IsEmpty) return false;
        var dst = _context.Scratch;
        dst.Clear();
        Span<byte> renamed = stackalloc byte[CgroupNames.LongestName];
        var first = true;
        while (!entries.IsEmpty)
        {
            var end = entries.IndexOf((byte)0);
            var entry = end < 0 ? entries : entries[..end];
            entries = end < 0 ? default : entries[(end + 1)..];
            var equals = entry.LastIndexOf((byte)'=');
            if (equals < 0) break;
            var name = CgroupNames.Normalized(entry[..equals], renamed);
            var path = entry[(equals + 1)..];
            if (controller is not null)
            {
                if (!CgroupNames.Is(name, controller)) continue;
                value = path;
                return true;
            }
            if (!first) dst.Append((byte)' ');
            dst.Append(name);
            dst.Append((byte)'=');
            dst.Append(path);
            first = false;
        }
        if (controller is not null || first) return false;
        value = dst.Written;
        return true;
    }
}
