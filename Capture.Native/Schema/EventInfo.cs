namespace Capture.Native.Schema;

/// <summary>One row of the event table.</summary>
/// <param name="LegacyParamCount">How many parameters the 2022 reader (sysdig 0.29.3)
/// expects for this id; null when that reader does not know the id at all.</param>
public sealed record EventInfo(
    ushort Id,
    string Name,
    EventDirection Direction,
    string EnumName,
    EventCategory Category,
    EventFlags Flags,
    int? LegacyParamCount,
    ParamInfo[] Params)
{
    /// <summary>Parameter lengths on the wire are u32 instead of u16 for these events.</summary>
    public bool HasLargePayload => (Flags & EventFlags.LARGE_PAYLOAD) != 0;

    /// <summary>Placeholder ids that no driver emits.</summary>
    public bool IsUnused => (Flags & EventFlags.UNUSED) != 0;

    /// <summary>The direction as sysdig prints it: '&gt;' for enter, '&lt;' for exit.</summary>
    public char DirectionSymbol => Direction == EventDirection.Enter ? '>' : '<';
}
