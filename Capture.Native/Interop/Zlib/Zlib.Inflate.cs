using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Zlib
{
    /// <summary>Ok on progress, StreamEnd after a member's trailer checked out, BufError when no progress is possible, negative on damage.</summary>
    [LibraryImport(Libraries.Zlib, EntryPoint = "inflate")]
    internal static partial int Inflate(ZStream* stream, int flush);
}
