using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libc
{
    [LibraryImport(Libraries.Libc, EntryPoint = "nanosleep")]
    internal static partial int Nanosleep(in Timespec request, void* remaining);
}
