namespace Capture.Native.Kmod;

internal static unsafe partial class KmodIoctls
{
    /// <summary>SET_INTEREST: the syscalls traced from now on; allowed while capturing.</summary>
    public static void SetInterest(SafeKmodDeviceHandle device, string path, in KmodSyscallSet interest)
    {
        var copy = interest;
        Call(device, path, "CAPTURE_KMOD_IOCTL_SET_INTEREST", KmodIoctlNumbers.SetInterest, &copy);
    }
}
