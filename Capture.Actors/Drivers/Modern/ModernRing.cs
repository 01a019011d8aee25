using Capture.Native.Polling;

namespace Capture.Actors.Drivers.Modern;

/// <summary>
/// One mapped eBPF ring as the stream sees it. Its kernel drops are those the probe counted
/// for the ring's CPUs since this instance attached (the probe's counters outlive a ring only
/// within one instance, so the count at start is taken off).
/// </summary>
public sealed class ModernRing(RingHandoff handoff, PollerStatistics polling, ProbeCounterCache counters, int[] cpus, ModernDriver driver)
    : PolledRing(handoff, polling)
{
    readonly ulong _droppedAtStart = KernelDrops(counters, cpus);

    protected override long KernelDropped => (long)(KernelDrops(counters, cpus) - _droppedAtStart);

    protected override PollerDiedException? PollerFault => driver.PollerFault;

    /// <summary>Detaches the probe and stops the poller (for every ring), then discards this ring's rest.</summary>
    protected override long AbandonInDriver() => driver.AbandonRing(RingIndex);

    public override void StopProducing() => driver.StopProducing();

    static ulong KernelDrops(ProbeCounterCache counters, int[] cpus)
    {
        var perCpu = counters.PerCpu;
        ulong dropped = 0;
        foreach (var cpu in cpus) dropped += perCpu[cpu].Dropped;
        return dropped;
    }
}
