using Akka.Actor;
using Capture.Actors.Drivers;
using Capture.Actors.Protocol;

namespace Capture.Actors.Rings;

/// <summary>
/// One attached ring as the <see cref="RingsSource"/> reads it: turns what the ring hands over
/// into signals for the merge, each carrying the watermark that holds from it on and the
/// losses since the previous one, so drop counts travel in order with their events. Used on
/// the stream's thread only.
/// </summary>
sealed class RingTap(IEventRing ring, IActorRef owner, RingSourceSettings settings)
{
    RingCounters _reported;
    ulong _promised = settings.PromiseFor(ring.Watermark);

    public IEventRing Ring => ring;

    /// <summary>The ring's <see cref="RingReader"/>: told when the ring faults, finishes or was detached.</summary>
    public IActorRef Owner => owner;

    public int Id => ring.Id;

    /// <summary>Set once the ring threw: it is out of the merge and read no more, waiting to be detached.</summary>
    public bool Faulted { get; set; }

    public RingJoined Joined() => new(ring.Id, _promised);

    /// <summary>
    /// The next batch, or a watermark if the ring is idle and its promise moved (or it counted
    /// new losses), or null. Throws what the ring throws: the source turns that into a fault.
    /// </summary>
    public RingSignal? Next()
    {
        if (ring.TryTake(out var batch))
        {
            _promised = Promise();
            return new RingBatch(ring.Id, batch, _promised, LossesSince(ring.Counters));
        }
        var promise = Promise();
        var counters = ring.Counters; // read once: for a live ring each read looks at the kernel's counters
        if (promise <= _promised && counters == _reported) return null;
        _promised = promise;
        return new RingWatermark(ring.Id, promise, LossesSince(counters));
    }

    /// <summary>Asks the ring for one wake-up when data may be ready (the ring keeps only the latest request).</summary>
    public void WakeOnData(Action wake) => ring.WhenReady(wake);

    /// <summary>
    /// Before leaving: stops the ring's producer and takes every batch it had already handed
    /// over, so a stop or a reload delivers them instead of counting them unread. A ring that
    /// throws meanwhile keeps what it still holds for <see cref="Leave"/> to count.
    /// </summary>
    public List<RingSignal> DrainBeforeLeaving()
    {
        var signals = new List<RingSignal>();
        try
        {
            ring.StopProducing();
            while (Next() is RingBatch batch) signals.Add(batch);
        }
        catch (Exception)
        {
            // Counted by Leave: Abandon gives up what the ring still holds, faulted or not.
        }
        return signals;
    }

    /// <summary>
    /// Detaches the ring and says what it took with it: the losses not yet reported and what
    /// was left unread. A ring that cannot even count what it held has nothing more to count.
    /// </summary>
    public RingLeft Leave()
    {
        long unread;
        try
        {
            unread = ring.Abandon();
        }
        catch (Exception)
        {
            unread = 0;
        }
        return new RingLeft(ring.Id, SafeLosses() with { Unread = unread });
    }

    /// <summary>The ring threw: it leaves the merge now with the losses it reported so far.</summary>
    public RingLeft LeaveAfterFault()
    {
        Faulted = true;
        return new RingLeft(ring.Id, SafeLosses());
    }

    /// <summary>The ring's watermark less the disorder window; it never goes back.</summary>
    ulong Promise() => Math.Max(settings.PromiseFor(ring.Watermark), _promised);

    DropDelta LossesSince(RingCounters now)
    {
        var delta = new DropDelta(now.KernelDropped - _reported.KernelDropped, now.Corrupt - _reported.Corrupt, 0, now.Unreadable - _reported.Unreadable);
        _reported = now;
        return delta;
    }

    DropDelta SafeLosses()
    {
        try
        {
            return LossesSince(ring.Counters);
        }
        catch (Exception)
        {
            return DropDelta.None;
        }
    }
}
