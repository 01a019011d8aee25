using System.Text;
using Capture.Native.Events;
using Capture.Native.Schema;

namespace Capture.Native.Processes;

public sealed partial class ThreadTable
{
    /// <summary>
    /// pidfd_open: a descriptor of its own kind, named /proc/PID as libsinsp approximates it,
    /// remembering the process so that pidfd_getfd can find the descriptors it reaches.
    /// </summary>
    void OnPidFdOpen(in EventView ev, ThreadInfo thread)
    {
        if (!TryResult(ev, out var fd) || fd < 0 || !EventParams.TryInt64(ev, ParamSlots.Pid, out var pid)) return;
        FdsOf(thread)[fd] = new FdEntry(FdKind.PidFd, 0, Encoding.ASCII.GetBytes($"/proc/{pid}")) { Pid = pid };
    }

    /// <summary>
    /// pidfd_getfd: the new descriptor is the target's, copied from the process the pidfd
    /// refers to; nothing changes when the table does not know the pidfd, that process or
    /// its descriptor (as libsinsp).
    /// </summary>
    void OnPidFdGetFd(in EventView ev, ThreadInfo thread)
    {
        if (!TryResult(ev, out var fd) || fd < 0) return;
        if (!EventParams.TryInt64(ev, ParamSlots.PidFd, out var pidFd) || !EventParams.TryInt64(ev, ParamSlots.TargetFd, out var targetFd)) return;
        if (FindFd(thread, pidFd) is not { Kind: FdKind.PidFd } pidFdEntry) return;
        if (Find(pidFdEntry.Pid) is not { } target || FindFd(target, targetFd) is not { } copied) return;
        FdsOf(thread)[fd] = copied;
    }
}
