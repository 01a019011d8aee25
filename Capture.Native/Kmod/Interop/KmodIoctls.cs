using System.Runtime.InteropServices;
using Capture.Native.Interop;

namespace Capture.Native.Kmod;

/// <summary>
/// The module's ioctls, one per file beside this one. Each goes through <see cref="Call"/>,
/// which holds a reference on the device handle for the call (a concurrent dispose cannot
/// close the fd under it, nor hand its number to another file) and turns a failure into a
/// <see cref="KmodIoctlFailedException"/> naming the ioctl, the device and the errno.
/// </summary>
internal static unsafe partial class KmodIoctls
{
    static void Call(SafeKmodDeviceHandle device, string path, string ioctl, uint request, void* argument)
    {
        var held = false;
        try
        {
            device.DangerousAddRef(ref held);
            if (Libc.Ioctl(device.Fd, request, argument) < 0)
                throw new KmodIoctlFailedException(ioctl, path, Marshal.GetLastPInvokeError());
        }
        catch (ObjectDisposedException e)
        {
            throw new ObjectDisposedException($"{path} is closed: ioctl {ioctl} cannot be made", e);
        }
        finally
        {
            if (held) device.DangerousRelease();
        }
    }
}
