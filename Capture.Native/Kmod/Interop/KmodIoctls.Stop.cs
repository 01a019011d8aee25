namespace Capture.Native.Kmod;

internal static unsafe partial class KmodIoctls
{
    /// <summary>STOP: returns once no CPU is inside a probe; what the rings hold stays readable.</summary>
    public static void Stop(SafeKmodDeviceHandle device, string path) =>
        Call(device, path, "CAPTURE_KMOD_IOCTL_STOP", KmodIoctlNumbers.Stop, null);
}
