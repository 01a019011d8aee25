namespace Capture.Native.Schema;

/// <summary>
/// The event table, indexed by event id. The rows are generated at build time from
/// driver/schema/events.schema, the same file the probe's C header comes from.
/// </summary>
public static partial class EventTable
{
    static readonly EventInfo[] s_events = Generated();

    private static partial EventInfo[] Generated();

    /// <summary>Every event id, densely from 0.</summary>
    public static ReadOnlySpan<EventInfo> All => s_events;

    /// <summary>The row for an id, or null when this schema does not know the id.</summary>
    public static EventInfo? Find(ushort id) => id < s_events.Length ? s_events[id] : null;
}
