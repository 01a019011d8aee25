using System.Diagnostics.CodeAnalysis;
using Capture.Native.Batches;
using Capture.Native.Polling;

namespace Capture.Actors.Drivers.Modern;

/// <summary>
/// One mapped ring as the stream sees it: the consumer end of the polling thread's hand-off.
///
/// Ordering: the poller enqueues a batch before it raises the watermark past the batch's
/// events. So the watermark is read once before a drain starts and reported only after the
/// hand-off was found empty: every event up to that value was then in hand. Reading it after
/// the drain instead could promise a batch enqueued in between and still waiting.
///
/// Faults of the polling thread surface here, typed, once the hand-off is empty (so what was
/// read before them is delivered): <see cref="RingUnreadableException"/> for this ring,
/// <see cref="PollerDiedException"/> for the thread. The reader passes them to the supervisor.
/// </summary>
public sealed class ModernRing(RingHandoff handoff, PollerStatistics polling, ProbeCounterCache counters, int[] cpus, ModernDriver driver) : IEventRing
{
    Action? _wake;
    bool _subscribed;
    bool _draining;
    ulong _snapshot;
    ulong _reported;
    long? _droppedWhenUnreadable;
    readonly ulong _droppedAtStart = KernelDrops(counters, cpus);

    public int Id => handoff.Ring;

    /// <summary>
    /// The poller raises <see cref="RingHandoff.Available"/> after each publish (on its own
    /// thread); the reader that asked last is woken once. Asking when a batch already waits
    /// wakes at once, so a publish between the reader's last take and its request is not missed.
    /// </summary>
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

    /// <summary>A live ring never ends; the supervisor stops it.</summary>
    public bool IsFinished => false;

    /// <summary>
    /// Once the ring is unreadable nobody drains it, so what the kernel drops from then on is
    /// the ring's fault, not the rate's: it moves from kernel drops to unreadable.
    /// </summary>
    public RingCounters Counters
    {
        get
        {
            var dropped = (long)(KernelDrops(counters, cpus) - _droppedAtStart);
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
            // From here nobody drains the ring: the kernel's drops from now on are its loss.
            _droppedWhenUnreadable ??= (long)(KernelDrops(counters, cpus) - _droppedAtStart);
            throw unreadable;
        }
        if (driver.PollerFault is { } died) throw died;
        _reported = _snapshot;
        batch = null;
        return false;
    }

    /// <summary>
    /// Detaches the probe and stops the poller first, so the count covers every event this
    /// ring will ever have: what waits in the hand-off, what the poller held, what the kernel
    /// ring still holds.
    /// </summary>
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

    static ulong KernelDrops(ProbeCounterCache counters, int[] cpus)
    {
        var perCpu = counters.PerCpu;
        ulong dropped = 0;
        foreach (var cpu in cpus) dropped += perCpu[cpu].Dropped;
        return dropped;
    }
}
