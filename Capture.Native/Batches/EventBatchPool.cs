using System.Collections.Concurrent;

namespace Capture.Native.Batches;

/// <summary>
/// A bounded set of reusable batches. Renting never allocates once the pool is warm;
/// <see cref="Outstanding"/> lets specs prove that every batch came back after a run.
///
/// Two kinds are kept apart: batches with a block of their own, which frames are copied into,
/// and views (<see cref="RentView"/>), which have no block and only refer to the frames of
/// other batches, as the merge's output does. A view costs its index, not a megabyte.
/// </summary>
public sealed class EventBatchPool(int blockBytes = 1 << 20, int maxEventsPerBatch = 16 * 1024)
{
    readonly ConcurrentBag<EventBatch> _free = [];
    readonly ConcurrentBag<EventBatch> _freeViews = [];
    long _outstanding;
    long _created;

    public int BlockBytes => blockBytes;

    /// <summary>Batches (with or without a block) rented and not yet returned.</summary>
    public long Outstanding => Interlocked.Read(ref _outstanding);

    /// <summary>Batches ever allocated: flat once the pool is warm.</summary>
    public long Created => Interlocked.Read(ref _created);

    public EventBatch Rent() => Rent(_free, blockBytes);

    /// <summary>A batch without a block of its own, for frames appended by reference.</summary>
    public EventBatch RentView() => Rent(_freeViews, 0);

    EventBatch Rent(ConcurrentBag<EventBatch> free, int bytes)
    {
        if (!free.TryTake(out var batch))
        {
            batch = new EventBatch(this, bytes, maxEventsPerBatch);
            Interlocked.Increment(ref _created);
        }
        batch.PrepareForRent();
        Interlocked.Increment(ref _outstanding);
        return batch;
    }

    internal void Return(EventBatch batch)
    {
        Interlocked.Decrement(ref _outstanding);
        (batch.BlockCapacity == 0 ? _freeViews : _free).Add(batch);
    }
}
