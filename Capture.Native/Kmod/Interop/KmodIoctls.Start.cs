namespace Capture.Native.Kmod;

internal static unsafe partial class KmodIoctls
{
    /// <summary>START: resets every ring and counter and excludes the calling process.</summary>
    public static void Start(SafeKmodDeviceHandle device, string path) =>
        Call(device, path, "CAPTURE_KMOD_IOCTL_START", KmodIoctlNumbers.Start, null);
}
