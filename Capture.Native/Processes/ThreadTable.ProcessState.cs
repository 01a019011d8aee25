using Capture.Native.Events;
using Capture.Native.Schema;
using Capture.Native.Text;

namespace Capture.Native.Processes;

/// <summary>
/// What a process carries besides its name and descriptors — session, process group,
/// terminal, login user, environment, cgroups, descriptor limit, executable path — kept as
/// libsinsp keeps them: copied from the parent at clone, replaced by what execve reports,
/// and changed by the few calls that change them (setsid, the rlimit calls).
/// </summary>
public sealed partial class ThreadTable
{
    // RLIMIT_NOFILE in the driver's numbering of resources.
    const byte OpenFilesResource = 7;
    // execveat's AT_EMPTY_PATH in the driver's numbering: the descriptor is the executable.
    const uint ExecveatEmptyPath = 0x1;
    // execve's PPM_EXE_WRITABLE: the new image's file is writable by the user running it.
    const uint ExeWritableFlag = 0x1;

    /// <summary>
    /// A new thread's copy of its parent (when the parent is described: a parent met only in
    /// events leaves the session unknown and the login user 0, as libsinsp does), then what
    /// the clone event itself says.
    /// </summary>
    static void InheritProcessState(ThreadInfo child, ThreadInfo? parent, bool isThread, in EventView ev)
    {
        if (parent is not null)
        {
            child.ExePath = parent.ExePath;
            child.ExeWritable = parent.ExeWritable;
            child.Sid = parent.Sid;
            child.Vpgid = parent.Vpgid;
            child.Tty = parent.Tty;
            child.LoginUid = parent.LoginUid;
            // A thread reads its process's environment; a new process starts with a copy.
            if (!isThread) child.Env = parent.Env;
        }
        else child.LoginUid = 0;
        if (EventParams.TryInt64(ev, ParamSlots.Fdlimit, out var fdLimit)) child.FdLimit = fdLimit;
        // Only the clone versions that carry cgroups give the child any (libsinsp does not copy them).
        child.Cgroups = EventParams.Bytes(ev, ParamSlots.Cgroups).ToArray();
        child.CloneTime = ev.Timestamp;
        TakeMemory(ev, child);
        TakeFaults(ev, child);
    }

    /// <summary>What a successful execve exit says of the process besides its name and arguments.</summary>
    void OnExecveProcessState(in EventView ev, ThreadInfo thread)
    {
        if (EventParams.TryInt64(ev, ParamSlots.Fdlimit, out var fdLimit)) thread.FdLimit = fdLimit;
        TakeMemory(ev, thread);
        TakeFaults(ev, thread);
        if (EventParams.IndexOf(ev, ParamSlots.Env) >= 0) thread.Env = EventParams.Bytes(ev, ParamSlots.Env).ToArray();
        if (EventParams.IndexOf(ev, ParamSlots.Cgroups) >= 0) thread.Cgroups = EventParams.Bytes(ev, ParamSlots.Cgroups).ToArray();
        if (EventParams.TryInt64(ev, ParamSlots.Tty, out var tty)) thread.Tty = (int)tty;
        if (EventParams.TryInt64(ev, ParamSlots.Vpgid, out var vpgid)) thread.Vpgid = vpgid;
        if (EventParams.TryInt64(ev, ParamSlots.Loginuid, out var loginUid)) thread.LoginUid = (int)loginUid;
        if (EventParams.IndexOf(ev, ParamSlots.Flags) >= 0 && EventParams.TryUInt32(ev, ParamSlots.Flags, out var flags))
            thread.ExeWritable = (flags & ExeWritableFlag) != 0;
        if (ev.Type is EventIds.PPME_SYSCALL_EXECVE_18_X or EventIds.PPME_SYSCALL_EXECVE_19_X) SetExePath(thread, ev);
        else if (ev.Type == EventIds.PPME_SYSCALL_EXECVEAT_X) SetExecveatPath(thread, ev);
    }

    /// <summary>execve's path made absolute against the working directory, as libsinsp takes it from the enter event.</summary>
    void SetExePath(ThreadInfo thread, in EventView exit)
    {
        if (!TryEnterOf(thread, exit, out _) && EventParams.IndexOf(exit, ParamSlots.Filename) < 0) return;
        var path = EventParams.UpToNul(Argument(thread, exit, ParamSlots.Filename));
        thread.ExePath = Absolute(CwdOf(thread), path);
    }

    /// <summary>execveat's path: against its directory descriptor, or that descriptor itself with AT_EMPTY_PATH.</summary>
    void SetExecveatPath(ThreadInfo thread, in EventView exit)
    {
        // The enter's own arguments: the exit has a "flags" of its own (execve's).
        if (!TryEnterOf(thread, exit, out var enter)) return;
        var path = EventParams.CString(enter, ParamSlots.Pathname);
        if (path.SequenceEqual("<NA>"u8))
        {
            thread.ExePath = ThreadInfo.UnknownExe;
            return;
        }
        EventParams.TryInt64(enter, ParamSlots.Dirfd, out var dirfd);
        EventParams.TryUInt32(enter, ParamSlots.Flags, out var flags);
        ReadOnlySpan<byte> directory = dirfd == AtFdCwd ? CwdOf(thread) : FindFd(thread, dirfd)?.Name ?? [];
        directory = EventParams.UpToNul(directory);
        if ((flags & ExecveatEmptyPath) != 0 && path.IsEmpty) path = directory;
        thread.ExePath = Absolute(directory, path);
    }

    byte[] Absolute(ReadOnlySpan<byte> directory, ReadOnlySpan<byte> path)
    {
        if (path.SequenceEqual("<NA>"u8)) return ThreadInfo.UnknownExe;
        _scratch.Clear();
        PathText.WriteJoined(_scratch, PathText.IsAbsolute(path) ? default : directory, path);
        return _scratch.Written.ToArray();
    }

    /// <summary>The memory sizes an event reports (clone, execve, the memory calls' exits), as the thread's.</summary>
    static void TakeMemory(in EventView ev, ThreadInfo thread)
    {
        if (EventParams.TryUInt32(ev, ParamSlots.VmSize, out var size)) thread.VmSizeKb = size;
        if (EventParams.TryUInt32(ev, ParamSlots.VmRss, out var rss)) thread.VmRssKb = rss;
        if (EventParams.TryUInt32(ev, ParamSlots.VmSwap, out var swap)) thread.VmSwapKb = swap;
    }

    static void TakeFaults(in EventView ev, ThreadInfo thread)
    {
        if (EventParams.TryInt64(ev, ParamSlots.PgftMaj, out var major)) thread.MajorFaults = (ulong)major;
        if (EventParams.TryInt64(ev, ParamSlots.PgftMin, out var minor)) thread.MinorFaults = (ulong)minor;
    }

    /// <summary>A context switch: the thread's own page faults, its process's (main thread's) memory sizes.</summary>
    void OnContextSwitch(in EventView ev, ThreadInfo thread)
    {
        TakeFaults(ev, thread);
        TakeMemory(ev, ProcessOf(thread));
    }

    /// <summary>setsid: on success the thread leads a session named by its return value.</summary>
    static void OnSetSid(in EventView ev, ThreadInfo thread)
    {
        if (TryResult(ev, out var result) && result >= 0) thread.Sid = result;
    }

    /// <summary>getrlimit/setrlimit of RLIMIT_NOFILE: the process's current limit (the enter event names the resource).</summary>
    void OnFdLimit(in EventView ev, ThreadInfo thread)
    {
        if (!TryResult(ev, out var result) || result < 0 || !TryEnterOf(thread, ev, out _)) return;
        if (!TryEnterResource(thread, ev, out var resource) || resource != OpenFilesResource || !EventParams.TryInt64(ev, ParamSlots.Cur, out var limit) || limit == -1) return;
        ProcessOf(thread).FdLimit = limit;
    }

    /// <summary>prlimit of RLIMIT_NOFILE with a new limit: the named process's (0 the caller's) limit.</summary>
    void OnProcessFdLimit(in EventView ev, ThreadInfo thread)
    {
        if (!TryResult(ev, out var result) || result < 0 || !TryEnterOf(thread, ev, out _)) return;
        if (!TryEnterResource(thread, ev, out var resource) || resource != OpenFilesResource) return;
        if (!EventParams.TryInt64(ev, ParamSlots.Newcur, out var limit) || limit == -1) return;
        EventParams.TryInt64(Argument(thread, ev, ParamSlots.Pid), out var pid);
        var target = pid == 0 ? thread : Find(pid);
        if (target is not null) ProcessOf(target).FdLimit = limit;
    }

    static bool TryEnterResource(ThreadInfo thread, in EventView exit, out uint resource)
    {
        resource = 0;
        var bytes = Argument(thread, exit, ParamSlots.Resource);
        if (bytes.IsEmpty) return false;
        resource = bytes[0];
        return true;
    }

    /// <summary>How many threads besides its main thread each process has, by pid (proc.nchilds).</summary>
    readonly Dictionary<long, int> _threadsBesidesMain = [];

    /// <summary>The threads of the process whose pid is <paramref name="pid"/>, its main thread not counted.</summary>
    public int ThreadsBesidesMain(long pid) => _threadsBesidesMain.TryGetValue(pid, out var count) ? count : 0;

    /// <summary>
    /// The descriptors open in the thread's process (proc.fdopencount). A close takes effect
    /// after its own exit, as in libsinsp: the descriptor it closes still counts on that event.
    /// </summary>
    public int OpenFdCount(ThreadInfo thread)
    {
        var fds = FdsOf(thread);
        return fds.Count + (ReferenceEquals(_closedIn, fds) ? 1 : 0);
    }

    /// <summary>Adds or replaces a thread, keeping the per-process thread counts.</summary>
    void Put(ThreadInfo thread)
    {
        if (_threads.Remove(thread.Tid, out var replaced)) UncountThread(replaced);
        _threads[thread.Tid] = thread;
        CountThread(thread);
    }

    void CountThread(ThreadInfo thread)
    {
        if (thread.Tid == thread.Pid) return;
        _threadsBesidesMain[thread.Pid] = ThreadsBesidesMain(thread.Pid) + 1;
    }

    void UncountThread(ThreadInfo thread)
    {
        if (thread.Tid == thread.Pid) return;
        var left = ThreadsBesidesMain(thread.Pid) - 1;
        if (left > 0) _threadsBesidesMain[thread.Pid] = left;
        else _threadsBesidesMain.Remove(thread.Pid);
    }
}
