namespace Capture.Native.Kmod;

internal static unsafe partial class KmodIoctls
{
    /// <summary>SET_DROP_FAILED: 1 = failed syscalls make no event; EBUSY while capturing.</summary>
    public static void SetDropFailed(SafeKmodDeviceHandle device, string path, bool dropFailed)
    {
        var value = dropFailed ? 1u : 0u;
        Call(device, path, "CAPTURE_KMOD_IOCTL_SET_DROP_FAILED", KmodIoctlNumbers.SetDropFailed, &value);
    }
}
