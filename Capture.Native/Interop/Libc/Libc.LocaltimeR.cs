using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libc
{
    /// <summary>
    /// Room for glibc's struct tm (56 bytes on 64-bit Linux) with a margin. It is only ever
    /// filled by localtime_r and read by strftime, so its fields need no mirror here.
    /// </summary>
    internal const int TmBytes = 128;

    /// <summary>Breaks <paramref name="time"/> (seconds since the epoch) into local time, the zone from TZ.</summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "localtime_r")]
    internal static partial void* LocaltimeR(long* time, byte* tm);
}
