namespace Capture.Native.Processes;

/// <summary>
/// What is known of one thread at the start of a capture (a process-list entry of a scap
/// file, or /proc on a live machine). Readers use it for proc.name and for the names sysdig
/// prints beside pids.
/// </summary>
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
    uint Gid);
