namespace Capture.Native.Kmod;

internal static unsafe partial class KmodIoctls
{
    /// <summary>SET_SNAPLEN: bytes of I/O data kept per buffer parameter; EBUSY while capturing.</summary>
    public static void SetSnapLen(SafeKmodDeviceHandle device, string path, uint snapLen) =>
        Call(device, path, "CAPTURE_KMOD_IOCTL_SET_SNAPLEN", KmodIoctlNumbers.SetSnapLen, &snapLen);
}
