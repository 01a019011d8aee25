using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Zlib
{
    /// <summary>The loaded library's version string, handed back to inflateInit2_ (only its major must match).</summary>
    [LibraryImport(Libraries.Zlib, EntryPoint = "zlibVersion")]
    internal static partial byte* Version();
}
