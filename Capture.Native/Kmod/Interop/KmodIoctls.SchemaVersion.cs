namespace Capture.Native.Kmod;

internal static unsafe partial class KmodIoctls
{
    /// <summary>SCHEMA_VERSION: the event schema the module was built with, packed as the API version.</summary>
    public static ulong SchemaVersion(SafeKmodDeviceHandle device, string path)
    {
        ulong packed;
        Call(device, path, "CAPTURE_KMOD_IOCTL_SCHEMA_VERSION", KmodIoctlNumbers.SchemaVersion, &packed);
        return packed;
    }
}
