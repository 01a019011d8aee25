using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

/// <summary>
/// zlib's z_stream as laid out on 64-bit Linux (112 bytes; uInt is 32 bits, uLong 64). zlib
/// keeps a pointer back to it, so it must live in memory that never moves.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ZStream
{
    public byte* NextIn;
    public uint AvailIn;
    public nuint TotalIn;
    public byte* NextOut;
    public uint AvailOut;
    public nuint TotalOut;
    /// <summary>zlib's own words for the last error, a static C string, or null.</summary>
    public byte* Message;
    public void* State;
    public void* Alloc;
    public void* Free;
    public void* Opaque;
    public int DataType;
    public nuint Adler;
    public nuint Reserved;
}
