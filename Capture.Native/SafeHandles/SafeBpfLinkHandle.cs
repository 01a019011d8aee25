using System.Runtime.InteropServices;
using Capture.Native.Interop;

namespace Capture.Native.SafeHandles;

/// <summary>An attached program; releasing it detaches the program.</summary>
internal sealed class SafeBpfLinkHandle : SafeHandle
{
    SafeBpfLinkHandle() : base(0, ownsHandle: true) { }

    public override bool IsInvalid => handle == 0;

    public static SafeBpfLinkHandle Attach(nint program, string name)
    {
        var link = Libbpf.ProgramAttach(program);
        if (link == 0) throw new BpfCallFailedException($"bpf_program__attach({name})", Marshal.GetLastPInvokeError());
        var handle = new SafeBpfLinkHandle();
        handle.SetHandle(link);
        return handle;
    }

    protected override bool ReleaseHandle() => Libbpf.LinkDestroy(handle) == 0;
}
