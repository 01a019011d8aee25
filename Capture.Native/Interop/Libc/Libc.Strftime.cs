using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libc
{
    /// <summary>Formats a broken-down time (from <see cref="LocaltimeR"/>); 0 when the result does not fit.</summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "strftime")]
    internal static partial nuint Strftime(byte* buffer, nuint size, byte* format, byte* tm);
}
