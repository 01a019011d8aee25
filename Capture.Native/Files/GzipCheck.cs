using Capture.Native.Interop;

namespace Capture.Native.Files;

/// <summary>
/// The two numbers a gzip trailer holds for the bytes compressed so far: their CRC-32 and
/// their length (the trailer keeps it modulo 2^32). A value: each step returns the next.
/// </summary>
readonly record struct GzipCheck(uint Crc, long Length)
{
    public unsafe GzipCheck Over(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* p = bytes)
            return new GzipCheck((uint)Zlib.Crc32(Crc, p, (uint)bytes.Length), Length + bytes.Length);
    }
}
