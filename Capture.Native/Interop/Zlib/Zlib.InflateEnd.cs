using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Zlib
{
    [LibraryImport(Libraries.Zlib, EntryPoint = "inflateEnd")]
    internal static partial int InflateEnd(ZStream* stream);
}
