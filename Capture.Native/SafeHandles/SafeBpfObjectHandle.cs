using System.Runtime.InteropServices;
using System.Text;
using Capture.Native.Interop;

namespace Capture.Native.SafeHandles;

/// <summary>
/// An opened (and later loaded) bpf_object. It owns the ELF image libbpf was opened from,
/// because libbpf reads that memory until the object is loaded; both go on release.
/// Maps and programs found through the object are borrowed pointers valid while it lives.
/// </summary>
internal sealed unsafe class SafeBpfObjectHandle : SafeHandle
{
    void* _image;

    SafeBpfObjectHandle() : base(0, ownsHandle: true) { }

    public override bool IsInvalid => handle == 0;

    /// <summary>
    /// Copies <paramref name="elf"/> to native memory and opens it, relocating against the BTF
    /// at <paramref name="btfPath"/>; throws naming the call on failure.
    /// </summary>
    public static SafeBpfObjectHandle Open(ReadOnlySpan<byte> elf, string btfPath)
    {
        var image = NativeMemory.Alloc((nuint)elf.Length);
        elf.CopyTo(new Span<byte>(image, elf.Length));
        nint obj;
        fixed (byte* path = Encoding.UTF8.GetBytes(btfPath + "\0"))
        {
            var options = new BpfObjectOpenOptions { Size = (nuint)sizeof(BpfObjectOpenOptions), BtfCustomPath = path };
            obj = Libbpf.ObjectOpenMem(image, (nuint)elf.Length, &options);
        }
        if (obj == 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            NativeMemory.Free(image);
            throw new BpfCallFailedException("bpf_object__open_mem", errno);
        }
        var handle = new SafeBpfObjectHandle { _image = image };
        handle.SetHandle(obj);
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        Libbpf.ObjectClose(handle);
        NativeMemory.Free(_image);
        _image = null;
        return true;
    }
}
