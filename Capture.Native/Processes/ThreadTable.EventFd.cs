using Capture.Native.Events;
using Capture.Native.Schema;

namespace Capture.Native.Processes;

public sealed partial class ThreadTable
{
    // The descriptor the event being observed closed: sysdig still names it on that event
    // (its fd table drops the entry after the event), so fd.name of a close exit matches.
    Dictionary<long, FdEntry>? _closedIn;
    long _closedFd = -1;
    FdEntry? _closedEntry;

    /// <summary>
    /// The descriptor an event works on, as sysdig's fd.* fields see it: for calls that create
    /// or use one, the "fd" argument (the new fd on a creating exit; on an exit of an older
    /// driver, the argument of its enter event); for pipe and socketpair, which create two,
    /// the second. <paramref name="entry"/> is what the table knows of it, including a
    /// descriptor this very event closed.
    /// </summary>
    public bool TryEventFd(in EventView ev, ThreadInfo thread, out long fd, out FdEntry? entry)
    {
        entry = null;
        fd = -1;
        if ((ev.Info.Flags & (EventFlags.CREATES_FD | EventFlags.USES_FD)) == 0) return false;
        if (!EventParams.TryInt64(Argument(thread, ev, ParamSlots.Fd), out fd) && !EventParams.TryInt64(ev, ParamSlots.Fd2, out fd)) return false;
        var fds = FdsOf(thread);
        entry = fds.TryGetValue(fd, out var open) ? open
            : ReferenceEquals(fds, _closedIn) && fd == _closedFd ? _closedEntry
            : null;
        return true;
    }

    void ForgetClosed() => (_closedIn, _closedFd, _closedEntry) = (null, -1, null);

    void RemoveClosing(ThreadInfo thread, long fd)
    {
        var fds = FdsOf(thread);
        if (fds.Remove(fd, out var entry)) (_closedIn, _closedFd, _closedEntry) = (fds, fd, entry);
    }
}
