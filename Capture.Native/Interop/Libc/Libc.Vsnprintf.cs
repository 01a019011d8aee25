using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libc
{
    /// <summary>Formats a C va_list (on x86_64 and arm64 Linux passed as a pointer) into <paramref name="buffer"/>.</summary>
    [LibraryImport(Libraries.Libc, EntryPoint = "vsnprintf")]
    internal static partial int Vsnprintf(byte* buffer, nuint size, byte* format, nint arguments);
}
