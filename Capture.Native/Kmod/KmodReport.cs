using Capture.Native.Schema;

namespace Capture.Native.Kmod;

/// <summary>
/// What `capture info` says about the kernel module driver: whether it can be loaded here,
/// whether it is, and its versions against what this build speaks. Opens one device for the
/// version ioctls and closes it (when a capture holds the devices, the open is refused and
/// that is what it says); it never starts or stops a capture.
/// </summary>
public static class KmodReport
{
    /// <summary>Ok when a capture could start now; the detail says what was found or what is missing.</summary>
    public static (bool Ok, string Detail) Probe()
    {
        var presence = KmodPresence.Check();
        if (!presence.Loaded) return (false, presence.Detail);
        KmodDevice device;
        try
        {
            device = KmodDevice.Open(0);
        }
        catch (KmodUnavailableException e)
        {
            return (false, $"module loaded, but {e.Problem}");
        }
        using (device)
        {
            try
            {
                var api = SemanticVersion.FromPacked(KmodIoctls.ApiVersion(device.Handle, device.Path));
                var schema = SemanticVersion.FromPacked(KmodIoctls.SchemaVersion(device.Handle, device.Path));
                var versions = $"API {api} (this build speaks {KmodAbi.ApiVersion}), schema {schema} (this build: {EventTable.SchemaVersion})";
                if (!api.Satisfies(KmodAbi.ApiVersion) || !schema.Satisfies(EventTable.SchemaVersion))
                    return (false, $"module loaded but incompatible: {versions}; build and load the module from this source tree");
                var supported = KmodIoctls.GetSupported(device.Handle, device.Path).Numbers().Length;
                var ring = KmodIoctls.RingInfo(device.Handle, device.Path);
                return (true, $"module loaded: {versions}; {supported} syscall numbers traceable; rings of {ring.DataSize} bytes per CPU");
            }
            catch (KmodIoctlFailedException e)
            {
                return (false, $"module loaded, but {e.Message}");
            }
        }
    }
}
