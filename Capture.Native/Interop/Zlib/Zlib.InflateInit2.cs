using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Zlib
{
    internal const int Ok = 0;
    internal const int StreamEnd = 1;
    internal const int BufError = -5;
    internal const int NoFlush = 0;
    /// <summary>A 32 KiB window (15), plus 16: expect a gzip header and check its trailer.</summary>
    internal const int GzipWindowBits = 15 + 16;

    /// <summary>The inflateInit2 macro: the library checks the header's version and struct size against its own.</summary>
    [LibraryImport(Libraries.Zlib, EntryPoint = "inflateInit2_")]
    internal static partial int InflateInit2(ZStream* stream, int windowBits, byte* version, int streamSize);
}
