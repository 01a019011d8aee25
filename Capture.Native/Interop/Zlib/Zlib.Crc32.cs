using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Zlib
{
    /// <summary>Continues a gzip CRC-32 over <paramref name="length"/> more bytes (start from 0).</summary>
    [LibraryImport(Libraries.Zlib, EntryPoint = "crc32")]
    internal static partial nuint Crc32(nuint crc, byte* bytes, uint length);
}
