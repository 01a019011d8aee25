using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Zlib
{
    /// <summary>Readies the stream for the next gzip member; keeps the input pointers.</summary>
    [LibraryImport(Libraries.Zlib, EntryPoint = "inflateReset")]
    internal static partial int InflateReset(ZStream* stream);
}
