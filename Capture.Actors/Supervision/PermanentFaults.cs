using Capture.Actors.Drivers;
using Capture.Native.Probe;

namespace Capture.Actors.Supervision;

/// <summary>
/// Load failures that no restart can cure: the machine lacks what the probe needs, the probe
/// speaks other versions, or the settings cannot work. The supervisor fails at once on these,
/// with the exception's own message, instead of backing off and trying again. Told apart by
/// type only: an argument error from anywhere else is a bug or a passing fault, and restarts.
/// </summary>
public static class PermanentFaults
{
    public static bool IsPermanent(Exception e) => e is
        ProbeUnavailableException or ProbeVersionMismatchException or IncompatibleDriverException or InvalidProbeSettingsException;
}
