using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static partial class Libc
{
    [LibraryImport(Libraries.Libc, EntryPoint = "gettid")]
    internal static partial int GetTid();
}
