namespace Capture.Native.Kmod;

internal static unsafe partial class KmodIoctls
{
    /// <summary>API_VERSION: the module's ioctl and ring contract, packed major&lt;&lt;44 | minor&lt;&lt;24 | patch.</summary>
    public static ulong ApiVersion(SafeKmodDeviceHandle device, string path)
    {
        ulong packed;
        Call(device, path, "CAPTURE_KMOD_IOCTL_API_VERSION", KmodIoctlNumbers.ApiVersion, &packed);
        return packed;
    }
}
