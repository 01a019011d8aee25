namespace Capture.Plugins;

/// <summary>
/// One event of an <see cref="EventBatchView"/>, read in place: nothing is copied or
/// allocated. A ref struct, so it cannot outlive the call it was read in; copy what you need
/// (<see cref="Frame"/>.ToArray()) or keep the batch with <see cref="EventBatchView.Keep"/>.
/// </summary>
public readonly ref struct PluginEvent
{
    readonly ReadOnlySpan<byte> _frame;
    readonly EventType _type;

    internal PluginEvent(ReadOnlySpan<byte> frame, ushort cpu, EventType type)
    {
        _frame = frame;
        _type = type;
        Cpu = cpu;
    }

    /// <summary>Nanoseconds since the Unix epoch.</summary>
    public ulong Timestamp => FrameLayout.Timestamp(_frame);

    /// <summary>The cpu whose ring the event came from.</summary>
    public ushort Cpu { get; }

    public ulong ThreadId => FrameLayout.ThreadId(_frame);

    /// <summary>The event type id, as <see cref="IEventCatalog.TypesNamed"/> gives them.</summary>
    public ushort Type => FrameLayout.Type(_frame);

    /// <summary>The type's name as the schema spells it, e.g. "open".</summary>
    public string Name => _type.Name;

    public EventDirection Direction => _type.Direction;

    /// <summary>How many parameters this event carries (older captures carry fewer than the schema lists).</summary>
    public int ParamCount => FrameLayout.ParamCount(_frame);

    /// <summary>The raw value of parameter <paramref name="index"/>: empty when the driver sent it empty or the event does not carry it.</summary>
    public ReadOnlySpan<byte> Param(int index) => FrameLayout.Param(_frame, index, _type.HasLargePayload);

    /// <summary>The whole scap frame, header included, as capture's file writer would store it.</summary>
    public ReadOnlySpan<byte> Frame => _frame;
}
