namespace Capture.Plugins;

/// <summary>One event type as the host's schema describes it; the host makes one per type, once.</summary>
public sealed class EventType(ushort id, string name, EventDirection direction, bool hasLargePayload)
{
    /// <summary>The type id as the frame header carries it.</summary>
    public ushort Id => id;

    /// <summary>The name as the schema spells it, e.g. "open"; enter and exit share it.</summary>
    public string Name => name;

    public EventDirection Direction => direction;

    /// <summary>Parameter lengths are u32 on the wire instead of u16 (EF_LARGE_PAYLOAD).</summary>
    public bool HasLargePayload => hasLargePayload;

    public override string ToString() => $"{name} {(direction == EventDirection.Enter ? '>' : '<')} ({id})";
}
