using System.Diagnostics.CodeAnalysis;
using Capture.Native.Batches;
using Capture.Native.Polling;

namespace Capture.Actors.Drivers;

/// <summary>
/// A ring drained by the polling thread, as the stream sees it: the consumer end of its
/// <see cref="RingHandoff"/>. The live drivers (the eBPF probe, the kernel module) differ only
/// in where their kernel drop counts come from, how their instance detaches and what else can
/// go wrong, which subclasses say.
///
/// Ordering: the poller enqueues a batch before it raises the watermark past the batch's
/// events. So the watermark is read once before a drain starts and reported only after the
/// hand-off was found empty: every event up to that value was then in hand. Reading it after
/// the drain instead could promise a batch enqueued in between and still waiting.
///
/// Faults of the polling thread surface here, typed, once the hand-off is empty (so what was
/// read before them is delivered): <see cref="RingUnreadableException"/> for this ring,
/// <see cref="PollerDiedException"/> for the thread. The stream passes them to the supervisor.
/// </summary>
public abstract class PolledRing(RingHandoff handoff, PollerStatistics polling) : IEventRing
{
    Action? _wake;
    bool _subscribed;
    bool _draining;
    ulong _snapshot;
    ulong _reported;
    long? _droppedWhenUnreadable;

    public virtual int Id => handoff.Ring;

    /// <summary>The ring's index in its driver instance (its hand-off's).</summary>
    protected int RingIndex => handoff.Ring;

    /// <summary>What the kernel side could not write into this ring since the instance started.</summary>
    protected abstract long KernelDropped { get; }

    /// <summary>Why the polling thread ended on its own, or null while it runs.</summary>
    protected abstract PollerDiedException? PollerFault { get; }

    /// <summary>
    /// Stops the instance producing and the poller (whose last pass publishes what fits), then
    /// gives up what is left of this ring outside the hand-off and says how many events that was.
    /// </summary>
    protected abstract long AbandonInDriver();

    /// <summary>Throws when the instance behind the ring is gone in a way only the driver can tell; called when the ring is idle.</summary>
    protected virtual void ThrowIfGone() { }

    /// <summary>
    /// The poller raises <see cref="RingHandoff.Available"/> after each publish (on its own
    /// thread); the one that asked last is woken once. Asking when a batch already waits wakes
    /// at once, so a publish between the last take and the request is not missed.
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
            var dropped = KernelDropped;
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
            _droppedWhenUnreadable ??= KernelDropped;
            throw unreadable;
        }
        if (PollerFault is { } died) throw died;
        ThrowIfGone();
        _reported = _snapshot;
        batch = null;
        return false;
    }

    /// <summary>
    /// Detaches the instance's probe and stops its poller, whose last pass publishes what fits
    /// the hand-off; for every ring of the instance at once (the first call does it).
    /// </summary>
    public abstract void StopProducing();

    /// <summary>
    /// Stops the instance and the poller first, so the count covers every event this ring will
    /// ever have: what waits in the hand-off, what the poller held, what the kernel ring holds.
    /// </summary>
    public long Abandon()
    {
        var given = AbandonInDriver();
        while (handoff.TryTake(out var batch))
        {
            given += batch.Count;
            batch.Release();
        }
        return given;
    }
}
