using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libc
{
    internal const int ClockRealtime = 0;
    internal const int ClockBoottime = 7;

    internal struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
        public readonly ulong TotalNanoseconds => (ulong)Seconds * 1_000_000_000UL + (ulong)Nanoseconds;
    }

    [LibraryImport(Libraries.Libc, EntryPoint = "clock_gettime")]
    [System.Runtime.InteropServices.SuppressGCTransition]
    internal static partial int ClockGettime(int clock, out Timespec time);
}
