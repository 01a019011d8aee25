using System.Text;
using Capture.Native.Containers;

namespace Capture.Native.Processes;

/// <summary>
/// What the thread table knows about one live thread. Names are kept as UTF-8 bytes so
/// formatting copies them without encoding. File descriptors and the working directory
/// belong to the process: the table reads them from the thread whose tid is the pid when
/// it knows that thread, as the kernel shares them between threads.
/// </summary>
public sealed class ThreadInfo
{
    /// <summary>The name sysdig gives a thread it first meets in an event, knowing nothing else.</summary>
    internal static readonly byte[] UnknownComm = "<NA>"u8.ToArray();

    /// <summary>The executable sysdig gives such a thread (proc.exe prints it as it is).</summary>
    internal static readonly byte[] UnknownExe = "<NA>"u8.ToArray();

    internal ThreadInfo(long tid, long pid, long parentTid)
    {
        Tid = tid;
        Pid = pid;
        ParentTid = parentTid;
    }

    public long Tid { get; }
    public long Pid { get; internal set; }
    public long ParentTid { get; internal set; }

    /// <summary>The command name (proc.name); <see cref="UnknownComm"/> for threads met only in events.</summary>
    public byte[] Comm { get; internal set; } = UnknownComm;
    public byte[] Exe { get; internal set; } = [];

    /// <summary>The executable's full path (proc.exepath), as the process list or execve's own path made absolute says.</summary>
    public byte[] ExePath { get; internal set; } = [];

    /// <summary>Arguments, each NUL-terminated as the args parameter carries them.</summary>
    public byte[] Args { get; internal set; } = [];

    /// <summary>The effective user and group (user.uid, group.gid); <see cref="UnknownId"/> until a list or an event says.</summary>
    public uint Uid { get; internal set; } = UnknownId;
    public uint Gid { get; internal set; } = UnknownId;

    /// <summary>What sysdig shows for a user or group it does not know: (uint32)-1.</summary>
    public const uint UnknownId = uint.MaxValue;

    /// <summary>The thread and process ids in its pid namespace (thread.vtid, proc.vpid); -1 when unknown.</summary>
    public long Vtid { get; internal set; } = -1;
    public long Vpid { get; internal set; } = -1;

    /// <summary>
    /// The container its cgroups name (<see cref="Container.Host"/> outside any), decided
    /// when the thread is listed, cloned or execs, never per event.
    /// </summary>
    public Container Container { get; internal set; } = Container.Host;

    /// <summary>The working directory, always ending in '/', or empty when unknown.</summary>
    public byte[] Cwd { get; internal set; } = [];

    /// <summary>The session and the process group (as its pid namespace numbers it); -1 when unknown, as libsinsp starts them.</summary>
    public long Sid { get; internal set; } = -1;
    public long Vpgid { get; internal set; } = -1;

    /// <summary>The controlling terminal's device number; 0 for none or unknown.</summary>
    public int Tty { get; internal set; }

    /// <summary>The audit user id (user.loginuid); -1 when unknown or outside any login session.</summary>
    public int LoginUid { get; internal set; } = -1;

    /// <summary>The environment, "NAME=value" entries each NUL-terminated; the process's is its main thread's.</summary>
    public byte[] Env { get; internal set; } = [];

    /// <summary>The "controller=path" entries of its cgroups, each NUL-terminated, as clone and execve carry them.</summary>
    public byte[] Cgroups { get; internal set; } = [];

    /// <summary>The limit on open descriptors (RLIMIT_NOFILE); the process's is its main thread's; -1 when unknown.</summary>
    public long FdLimit { get; internal set; } = -1;

    /// <summary>Whether its executable is writable by the user who started it (proc.is_exe_writable).</summary>
    public bool ExeWritable { get; internal set; }

    /// <summary>
    /// Memory in kB and page faults since the thread started, as the driver last reported them
    /// (clone, execve, memory calls, context switches): the process's sizes are its main thread's.
    /// </summary>
    public uint VmSizeKb { get; internal set; }
    public uint VmRssKb { get; internal set; }
    public uint VmSwapKb { get; internal set; }
    public ulong MajorFaults { get; internal set; }
    public ulong MinorFaults { get; internal set; }

    /// <summary>When the clone that made it happened (proc.duration counts from it); 0 for threads not seen being made.</summary>
    public ulong CloneTime { get; internal set; }

    /// <summary>
    /// The latency of the thread's last system call, as libsinsp keeps it per thread: set at
    /// each exit, 0 from each enter, and what other events of the thread (a context switch)
    /// report as theirs.
    /// </summary>
    public ulong Latency { get; internal set; }

    /// <summary>Set when the child's own clone exit created this entry before the parent's did.</summary>
    internal bool CreatedByChild { get; set; }

    /// <summary>
    /// libsinsp's test of a parent a clone can copy from: a thread met only in events, with no
    /// name and no user, is not one.
    /// </summary>
    internal bool IsDescribed => !(ReferenceEquals(Comm, UnknownComm) && Uid == UnknownId);

    internal Dictionary<long, FdEntry> Fds { get; set; } = [];

    /// <summary>
    /// A copy of this thread's last enter event, so that its exit can read the arguments
    /// old drivers sent only on enter (the fd of close, the domain of socket). Grows only.
    /// </summary>
    internal byte[] LastEnter { get; set; } = [];
    internal int LastEnterLength { get; set; }

    public string CommText => Encoding.UTF8.GetString(Comm);

    internal static byte[] WithTrailingSlash(ReadOnlySpan<byte> dir)
    {
        if (dir.IsEmpty) return [];
        if (dir[^1] == (byte)'/') return dir.ToArray();
        var bytes = new byte[dir.Length + 1];
        dir.CopyTo(bytes);
        bytes[^1] = (byte)'/';
        return bytes;
    }
}
