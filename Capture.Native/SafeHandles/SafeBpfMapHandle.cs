using System.Runtime.InteropServices;
using Capture.Native.Interop;

namespace Capture.Native.SafeHandles;

/// <summary>
/// The fd of a map we created ourselves (the ring buffers); maps of the bpf_object are
/// owned by the object instead. The kernel keeps a ring alive while the outer map or a
/// mapping still refers to it, so closing the fd early is safe but we keep it for mmap.
/// </summary>
internal sealed class SafeBpfMapHandle : SafeHandle
{
    SafeBpfMapHandle() : base(-1, ownsHandle: true) { }

    public override bool IsInvalid => handle < 0;

    public int Fd => (int)handle;

    public static unsafe SafeBpfMapHandle CreateRingBuffer(string name, uint bytes)
    {
        var fd = Libbpf.MapCreate(BpfMapType.RingBuffer, name, 0, 0, bytes, null);
        if (fd < 0) throw new BpfCallFailedException($"bpf_map_create(RINGBUF, {name}, {bytes})", -fd);
        var handle = new SafeBpfMapHandle();
        handle.SetHandle(fd);
        return handle;
    }

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
