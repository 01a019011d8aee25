using System.Buffers;
using Capture.Native.Batches;

namespace Capture.Actors.Streams;

/// <summary>
/// A batch waiting in the merge, read front to back in timestamp order. When the batch
/// arrived sorted and on time the run walks its slots directly; otherwise it walks an order
/// array rented from the shared pool (late events are left out of it). Runs are reused.
/// </summary>
sealed class PendingRun
{
    EventBatch? _batch;
    int[]? _order;
    int _length;
    int _cursor;

    public int Ring { get; private set; }

    /// <summary>Arrival number: breaks ties between runs of one ring, and fences off runs after a gap.</summary>
    public long Sequence { get; private set; }

    public ulong HeadTimestamp { get; private set; }

    public int Remaining => _length - _cursor;

    public EventBatch Batch => _batch!;

    public void Start(EventBatch batch, int ring, long sequence, int[]? order, int length)
    {
        _batch = batch;
        Ring = ring;
        Sequence = sequence;
        _order = order;
        _length = length;
        _cursor = 0;
        HeadTimestamp = batch.Slot(HeadIndex).Timestamp;
    }

    public int HeadIndex => _order is null ? _cursor : _order[_cursor];

    /// <summary>Moves past the head; false when the run is used up.</summary>
    public bool Advance()
    {
        if (++_cursor == _length) return false;
        HeadTimestamp = _batch!.Slot(HeadIndex).Timestamp;
        return true;
    }

    /// <summary>Orders heads by time, then ring, then arrival, so output is the same on every run.</summary>
    public bool Precedes(PendingRun other) =>
        HeadTimestamp != other.HeadTimestamp ? HeadTimestamp < other.HeadTimestamp
        : Ring != other.Ring ? Ring < other.Ring
        : Sequence < other.Sequence;

    /// <summary>Gives the batch and the order array back; returns how many events were never read.</summary>
    public int Clear()
    {
        var unread = Remaining;
        _batch?.Release();
        _batch = null;
        if (_order is not null) ArrayPool<int>.Shared.Return(_order);
        _order = null;
        _length = _cursor = 0;
        return unread;
    }
}
