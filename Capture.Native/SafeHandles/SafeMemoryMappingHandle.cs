using System.Runtime.InteropServices;
using Capture.Native.Interop;

namespace Capture.Native.SafeHandles;

/// <summary>One mmap'd region; released with munmap of the same length.</summary>
internal sealed class SafeMemoryMappingHandle : SafeHandle
{
    nuint _length;

    SafeMemoryMappingHandle() : base(0, ownsHandle: true) { }

    public override bool IsInvalid => handle == 0 || handle == Libc.MapFailed;

    public unsafe byte* Pointer => (byte*)handle;

    public static SafeMemoryMappingHandle Map(int fd, long offset, nuint length, bool writable, string what)
    {
        var protection = Libc.ProtRead | (writable ? Libc.ProtWrite : 0);
        var address = Libc.Mmap(0, length, protection, Libc.MapShared, fd, offset);
        if (address == Libc.MapFailed) throw new BpfCallFailedException($"mmap({what})", Marshal.GetLastPInvokeError());
        var handle = new SafeMemoryMappingHandle { _length = length };
        handle.SetHandle(address);
        return handle;
    }

    protected override bool ReleaseHandle() => Libc.Munmap(handle, _length) == 0;
}
