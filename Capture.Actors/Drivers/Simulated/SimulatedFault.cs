namespace Capture.Actors.Drivers.Simulated;

/// <summary>Something the simulated kernel does at virtual time <paramref name="At"/> (ns from start).</summary>
public abstract record SimulatedFault(ulong At);

/// <summary>
/// The ring's consumer side freezes from At until Until: nothing is handed over and its
/// watermark stays at At, while the CPU keeps producing (and the ring may fill and drop).
/// </summary>
public sealed record StallRing(int Ring, ulong At, ulong Until) : SimulatedFault(At);

/// <summary>The CPU writes <paramref name="Events"/> events at once, one nanosecond apart.</summary>
public sealed record Burst(int Ring, ulong At, int Events) : SimulatedFault(At);

/// <summary>One frame whose parameter lengths overrun it, as a torn write would leave.</summary>
public sealed record CorruptFrame(int Ring, ulong At) : SimulatedFault(At);

/// <summary>
/// The ring's next record header goes bad, as memory corruption would leave it: what was
/// queued before is still read, nothing after. The CPU keeps writing, so the ring fills and
/// the kernel drops, until a new driver instance brings fresh rings.
/// </summary>
public sealed record UnreadableRing(int Ring, ulong At) : SimulatedFault(At);

/// <summary>The kernel reports <paramref name="Count"/> events it could not write.</summary>
public sealed record KernelDrops(int Ring, ulong At, long Count) : SimulatedFault(At);

/// <summary>
/// One event written at At carrying a timestamp <paramref name="BehindNs"/> earlier: later than
/// any disorder window allows when BehindNs exceeds it.
/// </summary>
public sealed record LateEvent(int Ring, ulong At, ulong BehindNs) : SimulatedFault(At);

/// <summary>The attached driver instance dies: its rings throw from then on.</summary>
public sealed record Crash(ulong At) : SimulatedFault(At);
