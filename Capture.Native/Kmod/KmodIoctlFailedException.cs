using System.Runtime.InteropServices;

namespace Capture.Native.Kmod;

/// <summary>
/// An ioctl on a module device failed: carries the ioctl's name, the device and the errno.
/// ENODEV means the module's state behind the device is gone; EBUSY on a setting means a
/// capture is running; ENOTTY means the module does not know the request (another ABI).
/// </summary>
public sealed class KmodIoctlFailedException(string ioctl, string device, int errno)
    : Exception($"ioctl {ioctl} on {device} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})")
{
    public const int ENODEV = 19;
    public const int EBUSY = 16;
    public const int ENOTTY = 25;

    public string Ioctl => ioctl;
    public string Device => device;
    public int Errno => errno;
}
