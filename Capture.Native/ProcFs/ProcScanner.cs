using System.Globalization;
using Capture.Native.Processes;

namespace Capture.Native.ProcFs;

/// <summary>
/// The threads alive when a live capture starts, read from /proc, so the first events of
/// long-running processes show names instead of &lt;NA&gt;. Processes come and go while we
/// read: one that vanishes half-way is skipped, never an error.
/// </summary>
public static class ProcScanner
{
    public static IEnumerable<ThreadEntry> Scan(string procRoot = "/proc")
    {
        foreach (var processDir in Directory.EnumerateDirectories(procRoot))
        {
            if (!long.TryParse(Path.GetFileName(processDir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            var process = ReadProcess(processDir, pid);
            if (process is null) continue;
            IEnumerable<string> tasks;
            try
            {
                tasks = Directory.EnumerateDirectories(Path.Combine(processDir, "task")).ToList();
            }
            catch (IOException)
            {
                continue;
            }
            foreach (var taskDir in tasks)
            {
                if (!long.TryParse(Path.GetFileName(taskDir), NumberStyles.None, CultureInfo.InvariantCulture, out var tid)) continue;
                var comm = tid == pid ? process.Comm : Read(Path.Combine(taskDir, "comm"))?.TrimEnd('\n') ?? process.Comm;
                yield return process with { Tid = tid, Comm = comm, Vtid = VtidOf(process, tid, taskDir) };
            }
        }
    }

    /// <summary>
    /// One thread, looked up by tid as libsinsp asks the system about a thread it has not seen:
    /// /proc/TID works for any thread id, and its status names the process (Tgid). Null when
    /// the thread is gone.
    /// </summary>
    public static ThreadEntry? Find(long tid, string procRoot = "/proc")
    {
        var status = Read(Path.Combine(procRoot, tid.ToString(CultureInfo.InvariantCulture), "status"));
        if (status is null) return null;
        var pid = Field(status, "Tgid:");
        if (pid <= 0) return null;
        var process = ReadProcess(Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture)), pid);
        if (process is null || tid == pid) return process;
        var taskDir = Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "task", tid.ToString(CultureInfo.InvariantCulture));
        var comm = Read(Path.Combine(taskDir, "comm"));
        return process with { Tid = tid, Comm = comm?.TrimEnd('\n') ?? process.Comm, Vtid = VtidOf(process, tid, taskDir) };
    }

    static ThreadEntry? ReadProcess(string dir, long pid)
    {
        var status = Read(Path.Combine(dir, "status"));
        var comm = Read(Path.Combine(dir, "comm"))?.TrimEnd('\n');
        if (status is null || comm is null) return null;
        var args = Read(Path.Combine(dir, "cmdline"))?.Split('\0', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var exePath = Link(Path.Combine(dir, "exe"));
        var stat = StatFields(Read(Path.Combine(dir, "stat")));
        var (sid, pgid, tty) = SessionOf(stat);
        var (minorFaults, majorFaults) = FaultsOf(stat);
        return new ThreadEntry(
            Tid: pid,
            Pid: pid,
            ParentTid: Field(status, "PPid:"),
            Comm: comm,
            // sysdig's exe is argv[0] as the process was started; exepath the resolved binary.
            Exe: args.Length > 0 ? args[0] : comm,
            ExePath: exePath,
            Args: args.Length > 1 ? args[1..] : [],
            Cwd: Link(Path.Combine(dir, "cwd")),
            Uid: (uint)Field(status, "Uid:"),
            Gid: (uint)Field(status, "Gid:"))
        {
            Cgroups = CgroupsOf(dir),
            Vtid = InnermostId(status, "NSpid:", pid),
            Vpid = InnermostId(status, "NStgid:", pid),
            Sid = sid,
            Vpgid = InnermostId(status, "NSpgid:", pgid),
            Tty = tty,
            LoginUid = LoginUidOf(dir),
            Env = Read(Path.Combine(dir, "environ")) ?? "",
            FdLimit = OpenFileLimit(Read(Path.Combine(dir, "limits"))),
            VmSizeKb = (uint)Field(status, "VmSize:"),
            VmRssKb = (uint)Field(status, "VmRSS:"),
            VmSwapKb = (uint)Field(status, "VmSwap:"),
            MinorFaults = minorFaults,
            MajorFaults = majorFaults,
        };
    }

    /// <summary>
    /// The fields of /proc/PID/stat after the command name (which may hold spaces and
    /// parentheses, so it is skipped to its last ')'); none when unreadable.
    /// </summary>
    static string[] StatFields(string? stat)
    {
        var close = stat?.LastIndexOf(')') ?? -1;
        return close < 0 ? [] : stat![(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The minor and major page faults: the 8th and 10th of the <see cref="StatFields"/>.</summary>
    static (ulong Minor, ulong Major) FaultsOf(string[] fields)
    {
        if (fields.Length < 10) return (0, 0);
        ulong Number(string text) => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
        return (Number(fields[7]), Number(fields[9]));
    }

    /// <summary>The session, process group and terminal: the 4th, 3rd and 5th of the <see cref="StatFields"/>; -1, -1, 0 when unreadable.</summary>
    static (long Sid, long Pgid, int Tty) SessionOf(string[] fields)
    {
        if (fields.Length < 5) return (-1, -1, 0);
        long Number(string text) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : -1;
        return (Number(fields[3]), Number(fields[2]), (int)Number(fields[4]));
    }

    /// <summary>The audit login uid; its "unset" (4294967295) reads as -1, as libs shows it.</summary>
    static int LoginUidOf(string dir) =>
        uint.TryParse(Read(Path.Combine(dir, "loginuid"))?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? unchecked((int)uid) : -1;

    /// <summary>The soft limit of the "Max open files" line of /proc/PID/limits; 0 when unknown.</summary>
    internal static long OpenFileLimit(string? limits)
    {
        if (limits is null) return 0;
        foreach (var line in limits.Split('\n'))
        {
            if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
            var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 0 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft) ? soft : -1;
        }
        return 0;
    }

    /// <summary>A thread's id in its pid namespace: the same as the tid on the host, else from its own status.</summary>
    static long VtidOf(ThreadEntry process, long tid, string taskDir)
    {
        if (tid == process.Pid) return process.Vtid;
        if (process.Vpid == process.Pid) return tid;
        return Read(Path.Combine(taskDir, "status")) is { } status ? InnermostId(status, "NSpid:", tid) : -1;
    }

    /// <summary>
    /// The last id of an "NSpid:" line (one id per nested pid namespace, the innermost last);
    /// <paramref name="fallback"/> on kernels without it.
    /// </summary>
    static long InnermostId(string status, string name, long fallback)
    {
        var at = status.IndexOf(name, StringComparison.Ordinal);
        if (at < 0) return fallback;
        var line = status.AsSpan(at + name.Length);
        var end = line.IndexOf('\n');
        if (end >= 0) line = line[..end];
        line = line.Trim();
        var space = line.LastIndexOfAny(' ', '\t');
        return long.TryParse(line[(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : fallback;
    }

    /// <summary>
    /// /proc/PID/cgroup ("hierarchy:controllers:path" lines) as libscap records it: one
    /// "controller=path" entry per controller of a v1 hierarchy, each NUL-terminated. The
    /// unified (v2) hierarchy's line has no controllers; it is named "cgroup2" when the
    /// machine has no v1 hierarchy at all.
    /// </summary>
    internal static string CgroupsOf(string dir)
    {
        if (Read(Path.Combine(dir, "cgroup")) is not { } text) return "";
        var entries = new System.Text.StringBuilder();
        string? unified = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var first = line.IndexOf(':');
            var second = first < 0 ? -1 : line.IndexOf(':', first + 1);
            if (second < 0) continue;
            var controllers = line[(first + 1)..second];
            var path = line[(second + 1)..];
            if (controllers.Length == 0)
            {
                unified = path;
                continue;
            }
            // "name=systemd" stays whole: libscap keeps named hierarchies as they are written.
            if (controllers.StartsWith("name=", StringComparison.Ordinal)) entries.Append(controllers).Append('=').Append(path).Append('\0');
            else
                foreach (var controller in controllers.Split(','))
                    entries.Append(controller).Append('=').Append(path).Append('\0');
        }
        if (entries.Length == 0 && unified is not null) entries.Append("cgroup2=").Append(unified).Append('\0');
        return entries.ToString();
    }

    /// <summary>The first number after a "Name:" line of /proc/PID/status (real id for Uid/Gid).</summary>
    static long Field(string status, string name)
    {
        var at = status.IndexOf(name, StringComparison.Ordinal);
        if (at < 0) return 0;
        var rest = status.AsSpan(at + name.Length).TrimStart();
        var end = rest.IndexOfAny('\t', '\n', ' ');
        return long.TryParse(end < 0 ? rest : rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }

    static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    static string Link(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget ?? "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
