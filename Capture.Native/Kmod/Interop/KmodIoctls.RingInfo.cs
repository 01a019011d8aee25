namespace Capture.Native.Kmod;

internal static unsafe partial class KmodIoctls
{
    /// <summary>RING_INFO: the CPU, page size and data size of this device's ring.</summary>
    public static KmodRingInfo RingInfo(SafeKmodDeviceHandle device, string path)
    {
        KmodRingInfo info;
        Call(device, path, "CAPTURE_KMOD_IOCTL_RING_INFO", KmodIoctlNumbers.RingInfo, &info);
        return info;
    }
}
