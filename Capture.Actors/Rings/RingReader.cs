using Akka.Actor;
using Capture.Actors.Drivers;
using Capture.Actors.Protocol;

namespace Capture.Actors.Rings;

/// <summary>
/// Drains one ring into the hand-off: batches with the watermark that holds after them, and
/// watermarks alone while the ring is idle, so an idle CPU never holds the merge up. It takes
/// from the ring only when the hand-off has room, so without demand events stay in the ring
/// and the kernel counts what no longer fits. Losses the ring counts travel with the next
/// signal.
///
/// The supervisor announces the ring (joined) before the reader starts, all rings of a
/// driver at once, so the merge never releases one ring's events before the others have
/// a say. On stop the reader gives up what is left in the ring and announces that, with the
/// count (left). A ring that throws is reported to the parent, which decides what happens
/// to the driver; the reader then only waits to be stopped.
/// </summary>
public sealed class RingReader : ReceiveActor, IWithTimers
{
    const string PollTimer = "poll";

    readonly IEventRing _ring;
    readonly SignalHandOff _handOff;
    readonly RingReaderSettings _settings;
    Action _wake = () => { };
    RingCounters _reported;
    ulong _promised;
    bool _left;
    bool _faulted;

    public RingReader(IEventRing ring, SignalHandOff handOff, RingReaderSettings settings)
    {
        _ring = ring;
        _handOff = handOff;
        _settings = settings;
        Receive<DrainRing>(_ => Drain());
    }

    public static Props Props(IEventRing ring, SignalHandOff handOff, RingReaderSettings settings) =>
        Akka.Actor.Props.Create(() => new RingReader(ring, handOff, settings));

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        var self = Self;
        _wake = () => self.Tell(DrainRing.Instance); // made once: asking the ring for a wake-up allocates nothing
        _promised = Promise();
        Self.Tell(DrainRing.Instance);
    }

    protected override void PostStop()
    {
        if (!_left) Leave();
    }

    void Drain()
    {
        if (_left || _faulted) return;
        try
        {
            for (var taken = 0; taken < _settings.MaxBatchesPerTurn; taken++)
            {
                if (!_handOff.HasRoom(Self))
                {
                    Poll(); // the hand-off wakes us when it has room; the poll is a safety net
                    return;
                }
                if (!_ring.TryTake(out var batch)) break;
                _promised = Promise();
                _handOff.Write(new RingBatch(_ring.Id, batch, _promised, Losses()));
                if (taken == _settings.MaxBatchesPerTurn - 1)
                {
                    Self.Tell(DrainRing.Instance); // more may be waiting; let other messages in first
                    return;
                }
            }

            if (_ring.IsFinished)
            {
                Leave();
                Context.Stop(Self); // the supervisor sees the ring finished when it gets Terminated
                return;
            }

            var promise = Promise();
            var counters = _ring.Counters;
            if ((promise > _promised || counters != _reported) && _handOff.HasRoom(Self))
            {
                _promised = promise;
                _handOff.Write(new RingWatermark(_ring.Id, promise, Losses()));
            }
            _ring.WhenReady(_wake); // data wakes us at once
            Poll();                  // the clock moving on, for the watermark, is polled
        }
        catch (Exception e)
        {
            _faulted = true;
            Context.Parent.Tell(new RingFaulted(_ring.Id, e));
        }
    }

    // A pending poll is left alone: restarting it on every idle turn would allocate a timer each time.
    void Poll()
    {
        if (!Timers.IsTimerActive(PollTimer)) Timers.StartSingleTimer(PollTimer, DrainRing.Instance, _settings.PollInterval);
    }

    /// <summary>The ring's watermark less the disorder window; it never goes back.</summary>
    ulong Promise()
    {
        return Math.Max(_settings.PromiseFor(_ring.Watermark), _promised);
    }

    DropDelta Losses()
    {
        var now = _ring.Counters;
        var delta = new DropDelta(now.KernelDropped - _reported.KernelDropped, now.Corrupt - _reported.Corrupt, 0, now.Unreadable - _reported.Unreadable);
        _reported = now;
        return delta;
    }

    void Leave()
    {
        _left = true;
        long unread;
        try
        {
            unread = _ring.Abandon();
        }
        catch (Exception)
        {
            unread = 0; // a ring that cannot even say what it held has nothing more to count
        }
        _handOff.Write(new RingLeft(_ring.Id, Losses() with { Unread = unread }));
    }
}
