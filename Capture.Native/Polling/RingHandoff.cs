using Capture.Native.Batches;

namespace Capture.Native.Polling;

/// <summary>
/// Where the polling thread hands one ring's batches to the pipeline: a bounded,
/// allocation-free single-producer single-consumer queue of <see cref="EventBatch"/>es,
/// plus the ring's watermark.
///
/// Contract for the consumer (one reader per ring, e.g. a RingReader actor):
/// <list type="bullet">
/// <item>Read <see cref="Watermark"/> first, then drain with <see cref="TryTake"/>: every
/// event of this ring with a timestamp up to that watermark is then in hand, because the
/// poller enqueues a batch before it raises the watermark past it.</item>
/// <item>Each batch taken is the consumer's: <see cref="EventBatch.Release"/> it when done.</item>
/// <item><see cref="Available"/> is raised (on the polling thread) after a batch is
/// enqueued or the watermark moved; it must only schedule work, never block.</item>
/// </list>
/// When the queue is full the poller stops draining the ring, so the kernel ring fills and
/// the probe counts the drops: backpressure reaches the kernel and every loss is counted.
/// </summary>
public sealed class RingHandoff
{
    readonly EventBatch?[] _slots;
    readonly int _mask;
    long _head; // next slot to take: written by the consumer only
    long _tail; // next slot to fill: written by the poller only
    ulong _watermark;

    public RingHandoff(int ring, int capacity = 16)
    {
        if (capacity <= 0 || (capacity & (capacity - 1)) != 0)
            throw new ArgumentException($"hand-off capacity {capacity} must be a positive power of two", nameof(capacity));
        Ring = ring;
        _slots = new EventBatch?[capacity];
        _mask = capacity - 1;
    }

    public int Ring { get; }
    public int Capacity => _slots.Length;

    /// <summary>Everything from this ring with a timestamp up to this has been enqueued.</summary>
    public ulong Watermark => Volatile.Read(ref _watermark);

    /// <summary>Batches waiting to be taken.</summary>
    public int Count => (int)(Volatile.Read(ref _tail) - Volatile.Read(ref _head));

    public bool IsFull => Count == _slots.Length;

    /// <summary>Raised on the polling thread when a batch or a watermark is published.</summary>
    public event Action<RingHandoff>? Available;

    public bool TryTake(out EventBatch batch)
    {
        var head = _head;
        // Acquire: the slot was written before the poller's release of _tail.
        if (head == Volatile.Read(ref _tail))
        {
            batch = null!;
            return false;
        }
        var index = (int)(head & _mask);
        batch = _slots[index]!;
        _slots[index] = null;
        batch.HandOffs++; // from the polling thread to whoever takes it
        // Release: the slot is cleared before the poller may see it free.
        Volatile.Write(ref _head, head + 1);
        return true;
    }

    internal bool TryPublish(EventBatch batch)
    {
        var tail = _tail;
        if (tail - Volatile.Read(ref _head) == _slots.Length) return false;
        _slots[(int)(tail & _mask)] = batch;
        Volatile.Write(ref _tail, tail + 1);
        return true;
    }

    /// <summary>Only ever moves forward; raised after the batches it covers were enqueued.</summary>
    internal void RaiseWatermark(ulong watermark)
    {
        if (watermark > _watermark) Volatile.Write(ref _watermark, watermark);
    }

    internal void Signal() => Available?.Invoke(this);
}
