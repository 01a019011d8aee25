using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static partial class Libc
{
    /// <summary>The real-time first-in first-out policy of sched_setscheduler(2).</summary>
    internal const int SchedFifo = 1;

    /// <summary>struct sched_param: only the priority.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SchedParam
    {
        public int Priority;
    }

    /// <summary>sched_setscheduler(2): on Linux a thread id names that one thread.</summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "sched_setscheduler", SetLastError = true)]
    internal static partial int SchedSetScheduler(int pid, int policy, in SchedParam param);
}
