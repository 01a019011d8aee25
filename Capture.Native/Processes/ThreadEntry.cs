namespace Capture.Native.Processes;

/// <summary>
/// What is known of one thread at the start of a capture (a process-list entry of a scap
/// file, or /proc on a live machine). Readers use it for proc.name and for the names sysdig
/// prints beside pids.
/// </summary>
/// <remarks>
/// The optional parts, set with an initializer: <see cref="Cgroups"/> names the thread's
/// container; <see cref="Vtid"/> and <see cref="Vpid"/> are its ids inside its pid namespace.
/// </remarks>
public sealed record ThreadEntry(
    long Tid,
    long Pid,
    long ParentTid,
    string Comm,
    string Exe,
    string ExePath,
    IReadOnlyList<string> Args,
    string Cwd,
    uint Uid,
    uint Gid)
{
    /// <summary>"controllers=path" entries, each NUL-terminated, as clone's cgroups parameter carries them.</summary>
    public string Cgroups { get; init; } = "";

    /// <summary>The thread and process ids inside the thread's pid namespace; -1 when unknown.</summary>
    public long Vtid { get; init; } = -1;
    public long Vpid { get; init; } = -1;

    /// <summary>The session and process group (in the thread's pid namespace) it belongs to; -1 when unknown.</summary>
    public long Sid { get; init; } = -1;
    public long Vpgid { get; init; } = -1;

    /// <summary>The controlling terminal's device number; 0 for none.</summary>
    public int Tty { get; init; }

    /// <summary>The audit user id the login session started with; -1 (no login session) when unknown.</summary>
    public int LoginUid { get; init; } = -1;

    /// <summary>"NAME=value" entries, each NUL-terminated, as execve's env parameter carries them.</summary>
    public string Env { get; init; } = "";

    /// <summary>The limit on open descriptors (RLIMIT_NOFILE); 0 when unknown.</summary>
    public long FdLimit { get; init; }

    /// <summary>Memory in kB and page faults since the thread started.</summary>
    public uint VmSizeKb { get; init; }
    public uint VmRssKb { get; init; }
    public uint VmSwapKb { get; init; }
    public ulong MajorFaults { get; init; }
    public ulong MinorFaults { get; init; }

    /// <summary>Whether the executable is writable by the user running it.</summary>
    public bool ExeWritable { get; init; }
}
