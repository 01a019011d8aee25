using Capture.Native.Schema;

namespace Capture.Native.Formatting;

/// <summary>
/// Which events sysdig prints. It reads and counts every event (the numbers it prints
/// skip the hidden ones), but it does not print internal events (procinfo, drop,
/// scapevent, …) nor container announcements.
/// </summary>
public static class SysdigDisplay
{
    public static bool Shows(EventInfo info) =>
        (info.Category & EventCategory.INTERNAL) == 0
        && info.Id != EventIds.PPME_CONTAINER_JSON_E
        && info.Id != EventIds.PPME_CONTAINER_JSON_2_E;

    /// <summary>
    /// sysdig 0.29.3 knows event ids below 336 only; it skips later ones without counting
    /// them, so its event numbers count only these.
    /// </summary>
    public static bool KnownToSysdig029(EventInfo info) => info.LegacyParamCount is not null;
}
