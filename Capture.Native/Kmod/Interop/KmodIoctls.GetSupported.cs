namespace Capture.Native.Kmod;

internal static unsafe partial class KmodIoctls
{
    /// <summary>GET_SUPPORTED: the syscalls this module build can trace.</summary>
    public static KmodSyscallSet GetSupported(SafeKmodDeviceHandle device, string path)
    {
        KmodSyscallSet supported;
        Call(device, path, "CAPTURE_KMOD_IOCTL_GET_SUPPORTED", KmodIoctlNumbers.GetSupported, &supported);
        return supported;
    }
}
