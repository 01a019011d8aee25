using System.Text;
using Capture.Native.Containers;
using Capture.Native.Events;
using Capture.Native.Schema;
using Capture.Native.Text;

namespace Capture.Native.Processes;

/// <summary>
/// The threads, their names and their open files as the events of a capture reveal them,
/// kept the way sysdig keeps them so that formatted output names the same things: seeded
/// from a process list, then changed by execve, clone, procexit and the fd-creating calls.
///
/// Call <see cref="Observe"/> for every event, in order, before formatting it: sysdig
/// updates its state first, so an execve exit already shows the new name. A procexit
/// takes effect after its own event, at the next call. Not thread-safe: one reader owns it.
/// </summary>
public sealed partial class ThreadTable
{
    const uint CloneThread = 0x2000;
    const uint CloneChildInPidNamespace = 0x20000000;

    readonly Dictionary<long, ThreadInfo> _threads = [];
    readonly Func<long, ThreadEntry?>? _askSystem;
    readonly HashSet<long> _notOnSystem = [];
    long _pendingRemoval = -1;

    /// <summary>A table fed by events and lists only: what they do not name stays unknown.</summary>
    public ThreadTable()
    {
        Containers = new ContainerTable();
    }

    /// <summary>
    /// A live table: a thread seen in an event but not known yet (it started between the /proc
    /// scan and the probe's attach, or its clone was dropped) is looked up with
    /// <paramref name="askSystem"/> once, as libsinsp asks the system, instead of showing &lt;NA&gt;.
    /// </summary>
    /// <param name="containerMetadata">Where to ask what a container newly met is called (its runtime's API); none: ids only.</param>
    public ThreadTable(Func<long, ThreadEntry?> askSystem, IContainerMetadataSource? containerMetadata = null)
    {
        _askSystem = askSystem;
        Containers = new ContainerTable(containerMetadata);
    }

    /// <summary>The containers the threads are in, by id.</summary>
    public ContainerTable Containers { get; }

    public int Count => _threads.Count;

    /// <summary>
    /// The time of the first event observed, metadata aside (container and user records):
    /// where sysdig's relative times (evt.reltime) count from. 0 before any.
    /// </summary>
    public ulong FirstEventTime { get; private set; }

    public ThreadInfo? Find(long tid) => _threads.TryGetValue(tid, out var thread) ? thread : null;

    /// <summary>Every thread known now, in no particular order; valid until the next <see cref="Observe"/>.</summary>
    public IReadOnlyCollection<ThreadInfo> Threads => _threads.Values;

    /// <summary>
    /// The descriptors <paramref name="thread"/> holds itself: a thread whose process is in the
    /// table holds none (they are its process's), so listing these for every thread lists each once.
    /// </summary>
    internal IReadOnlyDictionary<long, FdEntry> OwnFds(ThreadInfo thread) => ProcessOf(thread) == thread ? thread.Fds : EmptyFds;

    static readonly Dictionary<long, FdEntry> EmptyFds = [];

    /// <summary>Adds or replaces a thread from a process list entry.</summary>
    public ThreadInfo Add(ThreadEntry entry)
    {
        var thread = new ThreadInfo(entry.Tid, entry.Pid, entry.ParentTid)
        {
            Comm = Encoding.UTF8.GetBytes(entry.Comm),
            Exe = Encoding.UTF8.GetBytes(entry.Exe),
            // Each argument NUL-terminated, as execve's args parameter carries them.
            Args = Encoding.UTF8.GetBytes(string.Concat(entry.Args.Select(a => a + "\0"))),
            Cwd = ThreadInfo.WithTrailingSlash(Encoding.UTF8.GetBytes(entry.Cwd)),
            Uid = entry.Uid,
            Gid = entry.Gid,
            Vtid = entry.Vtid,
            Vpid = entry.Vpid,
            Container = entry.Cgroups.Length == 0 ? Container.Host : Containers.ForCgroups(Encoding.UTF8.GetBytes(entry.Cgroups)),
            ExePath = Encoding.UTF8.GetBytes(entry.ExePath),
            Sid = entry.Sid,
            Vpgid = entry.Vpgid,
            Tty = entry.Tty,
            LoginUid = entry.LoginUid,
            Env = Encoding.UTF8.GetBytes(entry.Env),
            Cgroups = Encoding.UTF8.GetBytes(entry.Cgroups),
            FdLimit = entry.FdLimit,
            ExeWritable = entry.ExeWritable,
            VmSizeKb = entry.VmSizeKb,
            VmRssKb = entry.VmRssKb,
            VmSwapKb = entry.VmSwapKb,
            MajorFaults = entry.MajorFaults,
            MinorFaults = entry.MinorFaults,
        };
        Put(thread);
        return thread;
    }

    static bool IsMetadata(ushort type) => type is EventIds.PPME_CONTAINER_JSON_E or EventIds.PPME_CONTAINER_JSON_2_E
        or EventIds.PPME_USER_ADDED_E or EventIds.PPME_GROUP_ADDED_E;

    // Each tid is asked about once: a thread gone by the time its event is read stays unknown.
    const int ForgetMissesAfter = 1 << 16;

    ThreadInfo? AskSystem(long tid)
    {
        if (_askSystem is null || _notOnSystem.Contains(tid)) return null;
        if (_askSystem(tid) is not { } entry)
        {
            if (_notOnSystem.Count >= ForgetMissesAfter) _notOnSystem.Clear();
            _notOnSystem.Add(tid);
            return null;
        }
        // Its process too, so the thread shares the process's name and fds as it should.
        if (entry.Pid != tid && Find(entry.Pid) is null && _askSystem(entry.Pid) is { } process) Add(process);
        return Add(entry);
    }

    /// <summary>Records an open file descriptor of a thread's process (from an fd list record).</summary>
    public void AddFd(long tid, long fd, FdEntry entry)
    {
        if (Find(tid) is { } thread) FdsOf(thread)[fd] = entry;
    }

    /// <summary>The descriptor <paramref name="fd"/> of the process <paramref name="thread"/> belongs to.</summary>
    public FdEntry? FindFd(ThreadInfo thread, long fd) => FdsOf(thread).TryGetValue(fd, out var entry) ? entry : null;

    /// <summary>The working directory of the thread's process, ending in '/', or empty.</summary>
    public ReadOnlySpan<byte> CwdOf(ThreadInfo thread) => ProcessOf(thread).Cwd;

    /// <summary>
    /// Applies to the container table alone what <paramref name="ev"/> changes: a clone or execve
    /// names the container its caller runs in by its cgroups, so one started during the capture is
    /// met (and its metadata asked for) although no thread is followed. Other events cost one
    /// table lookup.
    /// </summary>
    public void ObserveContainers(in EventView ev)
    {
        if (StateChanges.Of(ev.Type) is not (StateChange.Clone or StateChange.Execve)) return;
        var cgroups = EventParams.Bytes(ev, ParamSlots.Cgroups);
        if (!cgroups.IsEmpty) Containers.ForCgroups(cgroups);
    }

    /// <summary>Applies what <paramref name="ev"/> changes; returns the thread that made it, if known.</summary>
    public ThreadInfo? Observe(in EventView ev)
    {
        if (FirstEventTime == 0 && !IsMetadata(ev.Type)) FirstEventTime = ev.Timestamp;
        ForgetClosed();
        if (_pendingRemoval >= 0)
        {
            if (_threads.Remove(_pendingRemoval, out var removed)) UncountThread(removed);
            _pendingRemoval = -1;
        }

        var change = StateChanges.Of(ev.Type);
        if (change == StateChange.ContainerEvent)
        {
            OnContainerEvent(ev);
            return Find((long)ev.ThreadId);
        }

        var tid = (long)ev.ThreadId;
        var thread = Find(tid) ?? AskSystem(tid);
        if (thread is null && StateChanges.AddsUnknownThread(ev.Info))
            thread = _threads[tid] = new ThreadInfo(tid, tid, -1) { Exe = ThreadInfo.UnknownExe };

        if (thread is not null) KeepLatency(thread, ev);
        if (change == StateChange.Clone)
        {
            OnClone(ev, tid, thread);
            return Find(tid);
        }
        if (thread is null) return null;
        // Only a system call's enter pairs with an exit: a context switch in between (an enter
        // event of the scheduler) must not make the exit lose its arguments, as in libsinsp.
        if (ev.Info.Direction == EventDirection.Enter && (ev.Info.Category & EventCategory.SYSCALL) != 0) RememberEnter(thread, ev);

        switch (change)
        {
            case StateChange.ProcExit: _pendingRemoval = tid; break;
            case StateChange.Execve: OnExecve(ev, thread); break;
            case StateChange.Chdir: OnChdir(ev, thread); break;
            case StateChange.Fchdir: OnFchdir(ev, thread); break;
            case StateChange.Open: OnOpen(ev, thread); break;
            case StateChange.Socket: OnSocket(ev, thread); break;
            case StateChange.Bind: OnBind(ev, thread); break;
            case StateChange.Connect: OnConnect(ev, thread); break;
            case StateChange.ConnectStart: OnConnectStart(ev, thread); break;
            case StateChange.SocketSend: OnSocketTransfer(ev, thread, sending: true); break;
            case StateChange.SocketReceive: OnSocketTransfer(ev, thread, sending: false); break;
            case StateChange.Accept: OnAccept(ev, thread); break;
            case StateChange.Close: OnClose(ev, thread); break;
            case StateChange.Pipe: OnPipe(ev, thread); break;
            case StateChange.SocketPair: OnSocketPair(ev, thread); break;
            case StateChange.Dup: OnDup(ev, thread); break;
            case StateChange.Fcntl: OnFcntl(ev, thread); break;
            case StateChange.EventFd: AddResultFd(ev, thread, FdKind.Event); break;
            case StateChange.SignalFd: AddResultFd(ev, thread, FdKind.SignalFd); break;
            case StateChange.TimerFd: AddResultFd(ev, thread, FdKind.TimerFd); break;
            case StateChange.Inotify: AddResultFd(ev, thread, FdKind.Inotify); break;
            case StateChange.EventPoll: AddResultFd(ev, thread, FdKind.EventPoll); break;
            case StateChange.UserChange: OnIdentityChange(ev, thread, user: true); break;
            case StateChange.GroupChange: OnIdentityChange(ev, thread, user: false); break;
            case StateChange.UserFaultFd: AddResultFd(ev, thread, FdKind.UserFaultFd); break;
            case StateChange.IoUring: AddResultFd(ev, thread, FdKind.IoUring); break;
            case StateChange.CloseRange: OnCloseRange(ev, thread); break;
            case StateChange.Getcwd: OnChdir(ev, thread); break; // the kernel's own directory: corrects a chdir lost to a drop
            case StateChange.PidFdOpen: OnPidFdOpen(ev, thread); break;
            case StateChange.PidFdGetFd: OnPidFdGetFd(ev, thread); break;
            case StateChange.SetSid: OnSetSid(ev, thread); break;
            case StateChange.Memory: TakeMemory(ev, thread); break;
            case StateChange.ContextSwitch: OnContextSwitch(ev, thread); break;
            case StateChange.FdLimit: OnFdLimit(ev, thread); break;
            case StateChange.ProcessFdLimit: OnProcessFdLimit(ev, thread); break;
        }
        if (ev.Info.Direction == EventDirection.Exit && (ev.Info.Flags & (EventFlags.READS_FROM_FD | EventFlags.WRITES_TO_FD)) != 0) OnTransferExit(ev, thread);
        return thread;
    }

    ThreadInfo ProcessOf(ThreadInfo thread) =>
        thread.Pid != thread.Tid && _threads.TryGetValue(thread.Pid, out var main) ? main : thread;

    Dictionary<long, FdEntry> FdsOf(ThreadInfo thread) => ProcessOf(thread).Fds;

    /// <summary>
    /// As libsinsp keeps a thread's latency: an exit sets it, an enter clears it, and a context
    /// switch (which libsinsp's parser passes over) leaves the last call's.
    /// </summary>
    static void KeepLatency(ThreadInfo thread, in EventView ev)
    {
        if (ev.Info.Direction == EventDirection.Exit) thread.Latency = LatencyOf(thread, ev);
        else if ((ev.Info.Category & EventCategory.SCHEDULER) == 0) thread.Latency = 0;
    }

    static void RememberEnter(ThreadInfo thread, in EventView ev)
    {
        var frame = ev.Frame;
        if (thread.LastEnter.Length < frame.Length) thread.LastEnter = new byte[Math.Max(frame.Length, 256)];
        frame.CopyTo(thread.LastEnter);
        thread.LastEnterLength = frame.Length;
    }

    /// <summary>
    /// sysdig's latency (evt.latency, -t d): for an exit whose enter was the thread's last
    /// system call enter, the nanoseconds between them; 0 for every other event.
    /// </summary>
    public static ulong LatencyOf(ThreadInfo? thread, in EventView ev) =>
        ev.Info.Direction == EventDirection.Exit && thread is not null
        && TryEnterOf(thread, ev, out var enter) && enter.Timestamp <= ev.Timestamp
            ? ev.Timestamp - enter.Timestamp
            : 0;

    /// <summary>The enter event this exit pairs with, when the thread's last enter was its own.</summary>
    static bool TryEnterOf(ThreadInfo thread, in EventView exit, out EventView enter)
    {
        enter = default;
        if (thread.LastEnterLength == 0) return false;
        return EventView.TryRead(thread.LastEnter.AsSpan(0, thread.LastEnterLength), out enter) == FrameFault.None
            && enter.Type == exit.Type - 1;
    }

    /// <summary>An argument from the exit event when it carries it (current drivers), else from its enter event.</summary>
    static ReadOnlySpan<byte> Argument(ThreadInfo thread, in EventView exit, ReadOnlySpan<sbyte> slots)
    {
        var bytes = EventParams.Bytes(exit, slots);
        if (!bytes.IsEmpty) return bytes;
        if (!TryEnterOf(thread, exit, out var enter)) return default;
        var (offset, length) = EventParams.Locate(enter, slots);
        return thread.LastEnter.AsSpan(offset, length);
    }

    static bool TryResult(in EventView ev, out long result) => EventParams.TryInt64(ev.Param(0), out result);

    void OnExecve(in EventView ev, ThreadInfo thread)
    {
        if (!TryResult(ev, out var result) || result < 0) return;
        var exe = EventParams.CString(ev, ParamSlots.Exe);
        var comm = EventParams.CString(ev, ParamSlots.Comm);
        thread.Exe = exe.ToArray();
        thread.Comm = comm.IsEmpty ? thread.Exe : comm.ToArray();
        thread.Args = EventParams.Bytes(ev, ParamSlots.Args).ToArray();
        if (EventParams.TryInt64(ev, ParamSlots.Pid, out var pid) && pid != thread.Pid)
        {
            UncountThread(thread);
            thread.Pid = pid;
            CountThread(thread);
        }
        if (thread.ParentTid < 0 && EventParams.TryInt64(ev, ParamSlots.Ptid, out var ptid)) thread.ParentTid = ptid;
        if (thread.Cwd.Length == 0) thread.Cwd = ThreadInfo.WithTrailingSlash(EventParams.CString(ev, ParamSlots.Cwd));
        // Current drivers send the effective ids the new image runs with (setuid binaries).
        if (EventParams.TryUInt32(ev, ParamSlots.Uid, out var uid)) thread.Uid = uid;
        if (EventParams.TryUInt32(ev, ParamSlots.Gid, out var gid)) thread.Gid = gid;
        var cgroups = EventParams.Bytes(ev, ParamSlots.Cgroups);
        if (!cgroups.IsEmpty) thread.Container = Containers.ForCgroups(cgroups);
        OnExecveProcessState(ev, thread);
    }

    /// <summary>A container event of a file: what its runtime said of a container, as libs recorded it.</summary>
    void OnContainerEvent(in EventView ev)
    {
        if (ev.Type == EventIds.PPME_CONTAINER_E)
        {
            // The oldest form: id, type, name and image as parameters of their own.
            var id = EventParams.UpToNul(ev.Param(0));
            if (id.IsEmpty || ev.ParamCount < 4) return;
            var type = ev.Param(1).Length == 4 ? (ContainerType)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(ev.Param(1)) : ContainerType.Docker;
            var name = Encoding.UTF8.GetString(EventParams.UpToNul(ev.Param(2)));
            var image = Encoding.UTF8.GetString(EventParams.UpToNul(ev.Param(3)));
            Containers.Describe(Encoding.UTF8.GetString(id), type, ContainerMetadata.From(name, image, "", "", "", "", null));
            return;
        }
        if (ev.ParamCount > 0 && ContainerEvent.TryParse(ev.Param(0), out var described))
            Containers.Describe(described.Id, described.Type, described.Metadata);
    }

    /// <summary>
    /// setuid/setreuid/setresuid (and the gid calls): the effective id changes on success. An
    /// id of -1 in setre*/setres* means "unchanged".
    /// </summary>
    static void OnIdentityChange(in EventView ev, ThreadInfo thread, bool user)
    {
        if (!TryResult(ev, out var result) || result != 0) return;
        uint id;
        var found = user
            ? EventParams.TryUInt32(ev, ParamSlots.Euid, out id) || EventParams.TryUInt32(ev, ParamSlots.Uid, out id)
            : EventParams.TryUInt32(ev, ParamSlots.Egid, out id) || EventParams.TryUInt32(ev, ParamSlots.Gid, out id);
        if (!found) return;
        if (id == ThreadInfo.UnknownId) return;
        if (user) thread.Uid = id;
        else thread.Gid = id;
    }

    void OnChdir(in EventView ev, ThreadInfo thread)
    {
        if (TryResult(ev, out var result) && result >= 0) ChangeDirectory(thread, EventParams.CString(ev, ParamSlots.Path));
    }

    void OnFchdir(in EventView ev, ThreadInfo thread)
    {
        if (!TryResult(ev, out var result) || result < 0) return;
        if (EventParams.TryInt64(Argument(thread, ev, ParamSlots.Fd), out var fd) && FindFd(thread, fd) is { } dir)
            ChangeDirectory(thread, dir.Name);
    }

    // The working directory belongs to the process; a relative change is taken from the old one.
    void ChangeDirectory(ThreadInfo thread, ReadOnlySpan<byte> path)
    {
        var process = ProcessOf(thread);
        _scratch.Clear();
        PathText.WriteJoined(_scratch, PathText.IsAbsolute(path) ? default : process.Cwd, path);
        process.Cwd = ThreadInfo.WithTrailingSlash(_scratch.Written);
    }

    // The parent's exit (result = child tid) and the child's exit (result 0) arrive in
    // either order; whichever comes first creates the child, named after the parent.
    void OnClone(in EventView ev, long tid, ThreadInfo? caller)
    {
        if (!TryResult(ev, out var result) || result < 0) return;
        EventParams.TryUInt32(ev, ParamSlots.Flags, out var flags);
        var isThread = (flags & CloneThread) != 0;
        long childTid, parentTid;
        if (result == 0)
        {
            if (caller is not null)
            {
                // Known already: a live table asked the system about it just now. The parent's
                // exit may still come, and after a vfork it comes only once the child has
                // exec'd: it must not replace the child with a copy of the parent.
                caller.CreatedByChild = true;
                return;
            }
            childTid = tid;
            parentTid = EventParams.TryInt64(ev, isThread ? ParamSlots.Pid : ParamSlots.Ptid, out var p) ? p : -1;
        }
        else
        {
            var inContainer = (flags & CloneChildInPidNamespace) != 0
                || (EventParams.TryInt64(ev, ParamSlots.Vtid, out var vtid) && vtid != tid);
            if (inContainer) return;
            if (Find(result) is { CreatedByChild: true }) return;
            childTid = result;
            parentTid = tid;
        }

        var parent = Find(parentTid);
        var child = new ThreadInfo(childTid, childTid, parentTid) { CreatedByChild = result == 0 };
        var comm = EventParams.CString(ev, ParamSlots.Comm);
        // A parent met only in events has nothing to copy: the event says who the child is.
        var described = parent is { IsDescribed: true } ? parent : null;
        child.Exe = described is not null ? described.Exe : EventParams.CString(ev, ParamSlots.Exe).ToArray();
        child.Comm = described is not null && described.Comm != ThreadInfo.UnknownComm ? described.Comm
            : comm.IsEmpty ? child.Exe : comm.ToArray();
        child.Args = described?.Args ?? EventParams.Bytes(ev, ParamSlots.Args).ToArray();
        InheritProcessState(child, described, isThread, ev);
        if (isThread)
            child.Pid = EventParams.TryInt64(ev, ParamSlots.Pid, out var pid) ? pid : parentTid;
        else if (parent is not null)
        {
            child.Cwd = ProcessOf(parent).Cwd;
            child.Fds = new Dictionary<long, FdEntry>(FdsOf(parent));
        }
        if (child.Cwd.Length == 0) child.Cwd = ThreadInfo.WithTrailingSlash(EventParams.CString(ev, ParamSlots.Cwd));
        child.Uid = EventParams.TryUInt32(ev, ParamSlots.Uid, out var uid) ? uid : parent?.Uid ?? ThreadInfo.UnknownId;
        child.Gid = EventParams.TryUInt32(ev, ParamSlots.Gid, out var gid) ? gid : parent?.Gid ?? ThreadInfo.UnknownId;
        if (result == 0 && EventParams.TryInt64(ev, ParamSlots.Vtid, out var ownVtid) && EventParams.TryInt64(ev, ParamSlots.Vpid, out var ownVpid))
        {
            child.Vtid = ownVtid;
            child.Vpid = ownVpid;
        }
        else
        {
            // Made by its parent on the host (a child in a pid namespace is left to its own exit).
            child.Vtid = child.Tid;
            child.Vpid = child.Pid;
        }
        // The caller's cgroups are the child's: a new thread or process starts in its parent's.
        var cgroups = EventParams.Bytes(ev, ParamSlots.Cgroups);
        child.Container = !cgroups.IsEmpty ? Containers.ForCgroups(cgroups) : parent?.Container ?? Container.Host;
        Put(child);
    }
}
