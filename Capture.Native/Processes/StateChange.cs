using Capture.Native.Schema;

namespace Capture.Native.Processes;

/// <summary>What an event changes in the thread table, decided once per event id.</summary>
internal enum StateChange : byte
{
    None,
    Execve,
    Clone,
    Chdir,
    Fchdir,
    ProcExit,
    Open,
    Socket,
    Bind,
    Connect,
    ConnectStart,
    SocketSend,
    SocketReceive,
    Accept,
    Close,
    Pipe,
    SocketPair,
    Dup,
    Fcntl,
    EventFd,
    SignalFd,
    TimerFd,
    Inotify,
    EventPoll,
    UserChange,
    GroupChange,
    UserFaultFd,
    IoUring,
    CloseRange,
    Getcwd,
    PidFdOpen,
    PidFdGetFd,
    /// <summary>setsid: the thread starts a session of its own.</summary>
    SetSid,
    /// <summary>getrlimit and setrlimit: may say the process's open-descriptor limit.</summary>
    FdLimit,
    /// <summary>prlimit: may set another process's open-descriptor limit.</summary>
    ProcessFdLimit,
    /// <summary>brk, mmap, mmap2, munmap exits: report the thread's memory sizes.</summary>
    Memory,
    /// <summary>A context switch: reports the thread's page faults and its process's memory sizes.</summary>
    ContextSwitch,
    /// <summary>A file's description of a container (name, image, …), libs' container events.</summary>
    ContainerEvent,
}

internal static class StateChanges
{
    static readonly StateChange[] s_byId = Build();

    public static StateChange Of(ushort id) => id < s_byId.Length ? s_byId[id] : StateChange.None;

    static StateChange[] Build()
    {
        var all = EventTable.All;
        var byId = new StateChange[all.Length];
        foreach (var e in all)
        {
            if (e.IsUnused) continue;
            byId[e.Id] = e.Direction == EventDirection.Enter
                ? e.Name switch
                {
                    "procexit" => StateChange.ProcExit,
                    "connect" => StateChange.ConnectStart,
                    "container" => StateChange.ContainerEvent,
                    "switch" => StateChange.ContextSwitch,
                    _ => StateChange.None,
                }
                : e.Name switch
                {
                    "execve" or "execveat" => StateChange.Execve,
                    "clone" or "fork" or "vfork" or "clone3" => StateChange.Clone,
                    "chdir" => StateChange.Chdir,
                    "fchdir" => StateChange.Fchdir,
                    "open" or "openat" or "openat2" or "creat" or "open_by_handle_at" => StateChange.Open,
                    "socket" => StateChange.Socket,
                    "bind" => StateChange.Bind,
                    "connect" => StateChange.Connect,
                    "accept" or "accept4" => StateChange.Accept,
                    "sendto" or "sendmsg" => StateChange.SocketSend,
                    "recvfrom" or "recvmsg" => StateChange.SocketReceive,
                    "close" => StateChange.Close,
                    "pipe" or "pipe2" => StateChange.Pipe,
                    "socketpair" => StateChange.SocketPair,
                    "dup" or "dup2" or "dup3" => StateChange.Dup,
                    "fcntl" => StateChange.Fcntl,
                    "eventfd" or "eventfd2" => StateChange.EventFd,
                    "signalfd" or "signalfd4" => StateChange.SignalFd,
                    "timerfd_create" => StateChange.TimerFd,
                    "inotify_init" or "inotify_init1" => StateChange.Inotify,
                    "epoll_create" or "epoll_create1" => StateChange.EventPoll,
                    "setuid" or "setreuid" or "setresuid" => StateChange.UserChange,
                    "setgid" or "setregid" or "setresgid" => StateChange.GroupChange,
                    "userfaultfd" => StateChange.UserFaultFd,
                    "io_uring_setup" => StateChange.IoUring,
                    "close_range" => StateChange.CloseRange,
                    "getcwd" => StateChange.Getcwd,
                    "pidfd_open" => StateChange.PidFdOpen,
                    "pidfd_getfd" => StateChange.PidFdGetFd,
                    "setsid" => StateChange.SetSid,
                    "getrlimit" or "setrlimit" => StateChange.FdLimit,
                    "prlimit" => StateChange.ProcessFdLimit,
                    "brk" or "mmap" or "mmap2" or "munmap" => StateChange.Memory,
                    _ => StateChange.None,
                };
        }
        return byId;
    }

    /// <summary>
    /// sysdig adds a thread it meets in an event to its table, except on events that only
    /// mention threads in passing: scheduler and other internal events, container
    /// announcements, and clone exits (the clone logic creates the child itself).
    /// </summary>
    public static bool AddsUnknownThread(EventInfo info) =>
        (info.Flags & EventFlags.SKIPPARSERESET) == 0
        && info.Id != EventIds.PPME_SCHEDSWITCH_6_E
        && info.Id != EventIds.PPME_CONTAINER_JSON_E
        && info.Id != EventIds.PPME_CONTAINER_JSON_2_E
        && Of(info.Id) != StateChange.Clone;
}
