using System.Diagnostics.CodeAnalysis;
using Capture.Native.Batches;
using Capture.Native.Polling;

namespace Capture.Actors.Drivers.Kmod;

/// <summary>
/// One CPU's module ring as the stream sees it: the consumer end of the polling thread's
/// hand-off, as for the eBPF driver (same watermark rule: read before a drain, reported only
/// once the hand-off was found empty).
///
/// Faults surface here, typed, once the hand-off is empty: <see cref="RingUnreadableException"/>
/// for a ring whose records cannot be trusted, <see cref="PollerDiedException"/> for the thread,
/// and a <see cref="DriverFaultException"/> when the module stopped answering its counter ioctl
/// (its state is gone): the supervisor then loads and negotiates again.
/// </summary>
/// <param name="cpu">The CPU the ring serves: its id for the stream.</param>
/// <param name="counterIndex">Where its counters are in the module's per-CPU report (the
/// possible CPUs in order; the same as the CPU unless the possible list has holes).</param>
public sealed class KmodRing(RingHandoff handoff, PollerStatistics polling, KmodCounterCache counters, int cpu, int counterIndex, KmodDriver driver) : IEventRing
{
    Action? _wake;
    bool _subscribed;
    bool _draining;
    ulong _snapshot;
    ulong _reported;
    long? _droppedWhenUnreadable;

    public int Id => cpu;

    public void WhenReady(Action wake)
    {
        if (!_subscribed)
        {
            handoff.Available += _ => Interlocked.Exchange(ref _wake, null)?.Invoke();
            _subscribed = true;
        }
        Volatile.Write(ref _wake, wake);
        if (handoff.Count > 0) Interlocked.Exchange(ref _wake, null)?.Invoke();
    }

    public ulong Watermark => _reported;

    public bool IsFinished => false;

    /// <summary>
    /// The module's own drops for this CPU: START resets its counters, so they count from this
    /// capture's start (nothing reads them before START). Once unreadable, later drops are the ring's fault.
    /// </summary>
    public RingCounters Counters
    {
        get
        {
            var dropped = (long)counters.PerCpu[counterIndex].Dropped;
            if (!polling.Unreadable) return new(dropped, polling.CorruptFrames);
            var before = _droppedWhenUnreadable ??= dropped;
            return new(before, polling.CorruptFrames, dropped - before);
        }
    }

    public bool TryTake([NotNullWhen(true)] out EventBatch? batch)
    {
        if (!_draining)
        {
            _snapshot = handoff.Watermark;
            _draining = true;
        }
        if (handoff.TryTake(out var taken))
        {
            batch = taken;
            return true;
        }
        _draining = false;
        if (polling.UnreadableFault is { } unreadable)
        {
            _droppedWhenUnreadable ??= (long)counters.PerCpu[counterIndex].Dropped;
            throw unreadable;
        }
        if (driver.PollerFault is { } died) throw died;
        // Reading the counters here also notices a module whose state is gone.
        _ = counters.PerCpu;
        if (counters.Fault is { } gone) throw gone;
        _reported = _snapshot;
        batch = null;
        return false;
    }

    /// <summary>Stops the module and the poller first, so the count covers every event this ring will ever have.</summary>
    public long Abandon()
    {
        var given = driver.AbandonRing(handoff.Ring);
        while (handoff.TryTake(out var batch))
        {
            given += batch.Count;
            batch.Release();
        }
        return given;
    }
}
