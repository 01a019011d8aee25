namespace Capture.Native.Kmod;

internal static unsafe partial class KmodIoctls
{
    /// <summary>GET_COUNTERS: the counters of the CPU this device serves (struct capture_counters).</summary>
    public static Abi.ProbeCounters GetCounters(SafeKmodDeviceHandle device, string path)
    {
        Abi.ProbeCounters counters;
        Call(device, path, "CAPTURE_KMOD_IOCTL_GET_COUNTERS", KmodIoctlNumbers.GetCounters, &counters);
        return counters;
    }
}
