using Capture.Native.Schema;

namespace Capture.Native.Formatting;

/// <summary>
/// Which events sysdig prints. It reads and counts every event (the numbers it prints
/// skip the hidden ones), but it does not print internal events (procinfo, drop,
/// scapevent, …) nor container announcements. One difference on purpose: drop events are
/// shown, because our probe writes one where events were lost (with how many in its ratio),
/// and a reader should see that gap rather than a quiet stretch.
/// </summary>
public static class SysdigDisplay
{
    public static bool Shows(EventInfo info) =>
        ((info.Category & EventCategory.INTERNAL) == 0 || IsGapMarker(info))
        && info.Id != EventIds.PPME_CONTAINER_JSON_E
        && info.Id != EventIds.PPME_CONTAINER_JSON_2_E;

    /// <summary>libs' drop events, which our probe sends to mark where events were lost.</summary>
    public static bool IsGapMarker(EventInfo info) => info.Id is EventIds.PPME_DROP_E or EventIds.PPME_DROP_X;

    /// <summary>
    /// sysdig 0.29.3 knows event ids below 336 only; it skips later ones without counting
    /// them, so its event numbers count only these.
    /// </summary>
    public static bool KnownToSysdig029(EventInfo info) => info.LegacyParamCount is not null;
}
