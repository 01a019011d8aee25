using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static partial class Libc
{
    /// <summary>setpriority(2) with PRIO_PROCESS: on Linux a thread id names that one thread.</summary>
    internal const int PrioProcess = 0;

    [LibraryImport(Libraries.Libc, EntryPoint = "setpriority", SetLastError = true)]
    internal static partial int SetPriority(int which, uint who, int priority);
}
