using Capture.Native.Schema;

namespace Capture.Native.Formatting;

/// <summary>
/// The parameters as sysdig 0.29.3 (libs of March 2022) names and types them, where current
/// libs changed a name or a type without changing the size: sysdig printed
/// <c>domain=1(AF_LOCAL)</c> (a flag walk) where current libs print <c>1(AF_LOCAL|AF_UNIX)</c>
/// (an enum), <c>mmap res=7FA69774E000</c> where they print decimal, <c>pgid=</c> where they say
/// <c>vpgid=</c>. The rows were derived by comparing the 2022 and current event tables of the
/// schema reference data (scap-events-2022.tsv, scap-events-master.tsv); formats and flag
/// tables did not change.
/// </summary>
public static class Sysdig029Params
{
    static readonly (ushort Id, int Index, string Name, ParamType Type)[] s_changes =
    [
        (EventIds.PPME_SOCKET_SOCKET_E, 0, "domain", ParamType.FLAGS32),
        (EventIds.PPME_SOCKET_LISTEN_E, 1, "backlog", ParamType.UINT32),
        (EventIds.PPME_SOCKET_SHUTDOWN_E, 1, "how", ParamType.FLAGS8),
        (EventIds.PPME_SOCKET_SOCKETPAIR_E, 0, "domain", ParamType.FLAGS32),
        (EventIds.PPME_SOCKET_SETSOCKOPT_X, 2, "level", ParamType.FLAGS8),
        (EventIds.PPME_SOCKET_SETSOCKOPT_X, 3, "optname", ParamType.FLAGS8),
        (EventIds.PPME_SOCKET_GETSOCKOPT_X, 2, "level", ParamType.FLAGS8),
        (EventIds.PPME_SOCKET_GETSOCKOPT_X, 3, "optname", ParamType.FLAGS8),
        (EventIds.PPME_SYSCALL_EVENTFD_E, 1, "flags", ParamType.FLAGS32),
        (EventIds.PPME_SYSCALL_LSEEK_E, 2, "whence", ParamType.FLAGS8),
        (EventIds.PPME_SYSCALL_LLSEEK_E, 2, "whence", ParamType.FLAGS8),
        (EventIds.PPME_SYSCALL_SIGNALFD_E, 2, "flags", ParamType.FLAGS8),
        (EventIds.PPME_SYSCALL_TIMERFD_CREATE_E, 1, "flags", ParamType.FLAGS8),
        (EventIds.PPME_SYSCALL_INOTIFY_INIT_E, 0, "flags", ParamType.FLAGS8),
        (EventIds.PPME_SYSCALL_GETRLIMIT_E, 0, "resource", ParamType.FLAGS8),
        (EventIds.PPME_SYSCALL_SETRLIMIT_E, 0, "resource", ParamType.FLAGS8),
        (EventIds.PPME_SYSCALL_PRLIMIT_E, 1, "resource", ParamType.FLAGS8),
        (EventIds.PPME_SYSCALL_FCNTL_E, 1, "cmd", ParamType.FLAGS8),
        (EventIds.PPME_SYSCALL_MMAP_X, 0, "res", ParamType.UINT64),
        (EventIds.PPME_SYSCALL_MMAP2_X, 0, "res", ParamType.UINT64),
        (EventIds.PPME_SYSCALL_PTRACE_E, 0, "request", ParamType.FLAGS16),
        (EventIds.PPME_SYSCALL_EXECVE_19_X, 16, "tty", ParamType.INT32),
        (EventIds.PPME_SYSCALL_EXECVE_19_X, 17, "pgid", ParamType.PID),
        (EventIds.PPME_SYSCALL_EXECVE_19_X, 18, "loginuid", ParamType.INT32),
        (EventIds.PPME_SYSCALL_SETPGID_X, 0, "res", ParamType.PID),
        (EventIds.PPME_PLUGINEVENT_E, 0, "plugin ID", ParamType.UINT32),
        (EventIds.PPME_SYSCALL_EXECVEAT_X, 16, "tty", ParamType.INT32),
        (EventIds.PPME_SYSCALL_EXECVEAT_X, 17, "pgid", ParamType.PID),
        (EventIds.PPME_SYSCALL_EXECVEAT_X, 18, "loginuid", ParamType.INT32),
    ];

    static readonly ParamInfo[][] s_byId = Build();

    /// <summary>The parameters of <paramref name="info"/> as sysdig 0.29.3 prints them.</summary>
    public static ParamInfo[] Of(EventInfo info) => info.Id < s_byId.Length ? s_byId[info.Id] : info.Params;

    static ParamInfo[][] Build()
    {
        var all = EventTable.All;
        var byId = new ParamInfo[all.Length][];
        foreach (var e in all) byId[e.Id] = e.Params;
        foreach (var (id, index, name, type) in s_changes)
        {
            if (byId[id] == all[id].Params) byId[id] = (ParamInfo[])all[id].Params.Clone();
            byId[id][index] = byId[id][index] with { Name = name, Type = type };
        }
        return byId;
    }
}
