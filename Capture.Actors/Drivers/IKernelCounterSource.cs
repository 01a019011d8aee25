using Capture.Native.Probe;

namespace Capture.Actors.Drivers;

/// <summary>
/// A loader whose drivers count in the kernel (the eBPF probe, the kernel module): events
/// seen and dropped by reason, per CPU, kept across its instances (<see cref="CounterBooks"/>),
/// for the closing summary and the metrics, which need not know which driver it was.
/// </summary>
public interface IKernelCounterSource
{
    /// <summary>The kernel's counters of every instance detached so far, summed per CPU; null before the first detach.</summary>
    ProbeCounterReport? DetachedCounters { get; }

    /// <summary>The detached total plus the attached instance's counts now; never goes back across a reload.</summary>
    ProbeCounterReport? TotalCounters();
}
