using Capture.Native.Probe;
using Capture.Native.Schema;

namespace Capture.Host.Live;

/// <summary>
/// What `--syscalls` means. The probe also traces the calls that keep process and fd state
/// right (clone, execve, open, close, socket, …), as libsinsp does, or a process started after
/// the capture would stay nameless and its fds unnamed. Those extra events update the thread
/// table but are not shown: the output holds only the selected calls.
/// </summary>
public sealed class SyscallSelection
{
    static readonly string[] StateSyscalls =
    [
        "clone", "clone3", "fork", "vfork", "execve", "execveat", "exit", "exit_group",
        "open", "openat", "openat2", "creat", "close", "socket", "bind", "connect", "accept", "accept4",
        "pipe", "pipe2", "dup", "dup2", "dup3", "eventfd", "eventfd2", "signalfd", "signalfd4",
        "timerfd_create", "inotify_init", "inotify_init1", "epoll_create", "epoll_create1",
        "open_by_handle_at", "userfaultfd", "io_uring_setup",
    ];

    readonly bool[]? _shownEvents;

    public SyscallSelection(IReadOnlyCollection<string> selected)
    {
        if (selected.Count == 0) return;
        ProbeInterest = selected.Concat(StateSyscalls).Where(n => NativeSyscalls.TryNumberOf(n, out _)).Distinct()
            .Select(NativeSyscalls.NumberOf).ToArray();
        _shownEvents = new bool[EventTable.All.Length];
        foreach (var info in EventTable.All)
            _shownEvents[info.Id] = selected.Contains(info.Name);
    }

    /// <summary>Native syscall numbers for the probe; null when everything is traced.</summary>
    public IReadOnlyCollection<int>? ProbeInterest { get; }

    /// <summary>Whether an event of this type belongs in the output.</summary>
    public bool Shows(EventInfo info) => _shownEvents is null || _shownEvents[info.Id];

    /// <summary>No --syscalls: every event belongs in the output, and nothing needs asking.</summary>
    public bool ShowsAll => _shownEvents is null;
}
