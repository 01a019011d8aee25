using System.Runtime.InteropServices;
using Capture.Native.Interop;

namespace Capture.Native.SafeHandles;

/// <summary>
/// A zlib inflater for gzip input. Its z_stream is in native memory because zlib's state
/// points back at it and checks that pointer on every call; release ends the inflater and
/// frees it.
/// </summary>
internal sealed unsafe class SafeInflateHandle : SafeHandle
{
    SafeInflateHandle() : base(0, ownsHandle: true) { }

    public override bool IsInvalid => handle == 0;

    public ZStream* Stream => (ZStream*)handle;

    public static SafeInflateHandle ForGzip()
    {
        var stream = (ZStream*)NativeMemory.AllocZeroed((nuint)sizeof(ZStream));
        var result = Zlib.InflateInit2(stream, Zlib.GzipWindowBits, Zlib.Version(), sizeof(ZStream));
        if (result != Zlib.Ok)
        {
            NativeMemory.Free(stream);
            throw new InvalidOperationException($"zlib inflateInit2 failed with {result}");
        }
        var inflater = new SafeInflateHandle();
        inflater.SetHandle((nint)stream);
        return inflater;
    }

    protected override bool ReleaseHandle()
    {
        Zlib.InflateEnd((ZStream*)handle);
        NativeMemory.Free((void*)handle);
        return true;
    }
}
