using Capture.Native.Polling;

namespace Capture.Actors.Drivers.Kmod;

/// <summary>
/// One CPU's module ring as the stream sees it. Besides the polling thread's faults, a module
/// whose state is gone (its counter ioctl fails) surfaces here as a
/// <see cref="DriverFaultException"/> once the ring is idle, so the supervisor loads and
/// negotiates again.
/// </summary>
/// <param name="cpu">The CPU the ring serves: its id for the stream.</param>
/// <param name="counterIndex">Where its counters are in the module's per-CPU report (the
/// possible CPUs in order; the same as the CPU unless the possible list has holes).</param>
public sealed class KmodRing(RingHandoff handoff, PollerStatistics polling, KmodCounterCache counters, int cpu, int counterIndex, KmodDriver driver)
    : PolledRing(handoff, polling)
{
    public override int Id => cpu;

    /// <summary>START resets the module's counters, so they count from this capture's start (nothing reads them before START).</summary>
    protected override long KernelDropped => (long)counters.PerCpu[counterIndex].Dropped;

    protected override PollerDiedException? PollerFault => driver.PollerFault;

    protected override long AbandonInDriver() => driver.AbandonRing(RingIndex);

    public override void StopProducing() => driver.StopProducing();

    protected override void ThrowIfGone()
    {
        _ = counters.PerCpu; // reading the counters is what notices a module whose state is gone
        if (counters.Fault is { } gone) throw gone;
    }
}
