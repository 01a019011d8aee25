using System.Runtime.InteropServices;
using Capture.Native.Interop;

namespace Capture.Native.Kmod;

/// <summary>
/// One open /dev/capture-kmod&lt;cpu&gt;. The module lets one reader open a device at a time,
/// and stops capture when the last open device is closed; closing is the release.
/// </summary>
internal sealed class SafeKmodDeviceHandle : SafeHandle
{
    SafeKmodDeviceHandle() : base(-1, ownsHandle: true) { }

    public override bool IsInvalid => handle < 0;

    public int Fd => (int)handle;

    /// <summary>Opens <paramref name="path"/> read-write; returns the errno instead of throwing, the caller words it.</summary>
    public static SafeKmodDeviceHandle? TryOpen(string path, out int errno)
    {
        var fd = Libc.Open(path, Libc.OpenReadWrite | Libc.OpenCloseOnExec);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        if (fd < 0) return null;
        var device = new SafeKmodDeviceHandle();
        device.SetHandle(fd);
        return device;
    }

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
