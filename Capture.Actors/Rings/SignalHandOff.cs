using System.Collections.Concurrent;
using Akka.Actor;
using Capture.Actors.Protocol;

namespace Capture.Actors.Rings;

/// <summary>
/// The bounded hand-off between the ring readers (many producers, actor threads) and the
/// merge's source stage (one consumer). Readers ask <see cref="HasRoom"/> before they take
/// from their ring, so a full hand-off leaves events in the kernel ring: that is how
/// backpressure reaches the kernel. Control signals (joined, left, gap) are always accepted,
/// so the bound is exceeded by at most a few per ring.
///
/// Flow control follows the pause/resume pattern of System.IO.Pipelines: producers stop at
/// <see cref="Capacity"/> and are woken once the consumer brings the count down to half of
/// it, so a hand-off near the bound does not flap. Nothing here allocates per signal in the
/// steady state: the queue's segments are reused once warm.
/// </summary>
public sealed class SignalHandOff
{
    readonly ConcurrentQueue<RingSignal> _queue = new();
    // Producers waiting for room, each once however often it asked; guarded by itself.
    readonly List<IActorRef> _paused = [];
    volatile bool _anyPaused;
    readonly int _resumeAt;
    int _count;
    int _consumerArmed;
    volatile Action? _wakeConsumer;
    volatile bool _completed;

    public SignalHandOff(int capacity = 256)
    {
        if (capacity < 2) throw new ArgumentOutOfRangeException(nameof(capacity), "the hand-off needs room for at least two signals");
        Capacity = capacity;
        _resumeAt = capacity / 2;
    }

    public int Capacity { get; }

    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// True when a producer may take one more batch from its ring. When false, the producer
    /// is remembered and sent <see cref="DrainRing"/> once there is room again.
    /// </summary>
    public bool HasRoom(IActorRef producer)
    {
        if (Volatile.Read(ref _count) < Capacity) return true;
        lock (_paused)
        {
            if (!_paused.Contains(producer)) _paused.Add(producer);
            _anyPaused = true;
        }
        // The consumer may have drained between the check and the enqueue; look again so a
        // wake-up is never lost (a spurious one is harmless).
        return Volatile.Read(ref _count) < Capacity;
    }

    /// <summary>Adds a signal; the caller checked <see cref="HasRoom"/> for batches and watermarks.</summary>
    public void Write(RingSignal signal)
    {
        if (_completed) throw new InvalidOperationException("the hand-off was completed; nothing more may be written");
        Interlocked.Increment(ref _count);
        _queue.Enqueue(signal);
        if (Interlocked.Exchange(ref _consumerArmed, 0) == 1) _wakeConsumer?.Invoke();
    }

    /// <summary>No more signals will come; the stream ends once the consumer has read everything.</summary>
    public void Complete()
    {
        _completed = true;
        if (Interlocked.Exchange(ref _consumerArmed, 0) == 1) _wakeConsumer?.Invoke();
    }

    public bool IsCompleted => _completed;

    internal void ConnectConsumer(Action wake) => _wakeConsumer = wake;

    internal bool TryRead(out RingSignal signal)
    {
        if (!_queue.TryDequeue(out signal!)) return false;
        if (Interlocked.Decrement(ref _count) <= _resumeAt && _anyPaused) ResumeProducers();
        return true;
    }

    /// <summary>
    /// Asks to be woken by the next write or completion. Returns false if something arrived
    /// meanwhile, in which case the consumer should read instead of waiting.
    /// </summary>
    internal bool ArmWakeUp()
    {
        Volatile.Write(ref _consumerArmed, 1);
        if (_queue.IsEmpty && !_completed) return true;
        Interlocked.Exchange(ref _consumerArmed, 0);
        return false;
    }

    void ResumeProducers()
    {
        lock (_paused)
        {
            foreach (var producer in _paused) producer.Tell(DrainRing.Instance, ActorRefs.NoSender);
            _paused.Clear();
            _anyPaused = false;
        }
    }
}
