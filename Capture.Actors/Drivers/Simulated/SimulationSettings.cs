namespace Capture.Actors.Drivers.Simulated;

/// <summary>
/// Everything that decides what the simulated kernel produces. The same settings give the
/// same events on every run: content and timestamps depend only on these, never on timing.
/// Times are nanoseconds of virtual time from <see cref="StartTime"/>.
/// </summary>
public sealed record SimulationSettings
{
    public int Seed { get; init; } = 1;

    /// <summary>How many CPUs, hence rings.</summary>
    public int Rings { get; init; } = 4;

    /// <summary>Virtual time zero, in nanoseconds since the Unix epoch.</summary>
    public ulong StartTime { get; init; } = 1_764_000_000_000_000_000;

    /// <summary>Average time between two events of a busy CPU; actual gaps vary from 1 to twice this.</summary>
    public ulong MeanGapNs { get; init; } = 1_000;

    /// <summary>CPUs that never produce an event; their watermark still follows the clock.</summary>
    public IReadOnlySet<int> IdleRings { get; init; } = new HashSet<int>();

    /// <summary>
    /// Each event is written with a timestamp up to this far before its place in the ring
    /// (bounded reorder inside a ring). Keep it at or under the ring source's disorder window.
    /// </summary>
    public ulong ReorderWithinNs { get; init; }

    /// <summary>Events one kernel ring holds; when full the kernel drops and counts.</summary>
    public int RingCapacity { get; init; } = 64 * 1024;

    /// <summary>Most events a ring puts in one batch it hands over.</summary>
    public int MaxEventsPerBatch { get; init; } = 1024;

    /// <summary>
    /// A waiting reader is woken once its ring holds this many events, as the BPF ring
    /// buffer wakes its consumer only past a fill level; below it the reader's poll picks
    /// events up. Bigger batches, fewer wake-ups.
    /// </summary>
    public int WakeAfterEvents { get; init; } = 256;

    /// <summary>Scheduled faults; each fires once, in the driver instance attached at its time.</summary>
    public IReadOnlyList<SimulatedFault> Faults { get; init; } = [];
}
