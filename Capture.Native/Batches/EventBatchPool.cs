using System.Collections.Concurrent;

namespace Capture.Native.Batches;

/// <summary>
/// A bounded set of reusable batches. Renting never allocates once the pool is warm;
/// <see cref="Outstanding"/> lets specs prove that every batch came back after a run.
/// </summary>
public sealed class EventBatchPool(int blockBytes = 1 << 20, int maxEventsPerBatch = 16 * 1024)
{
    readonly ConcurrentBag<EventBatch> _free = [];
    long _outstanding;
    long _created;

    public int BlockBytes => blockBytes;

    /// <summary>Batches rented and not yet returned.</summary>
    public long Outstanding => Interlocked.Read(ref _outstanding);

    /// <summary>Batches ever allocated: flat once the pool is warm.</summary>
    public long Created => Interlocked.Read(ref _created);

    public EventBatch Rent()
    {
        if (!_free.TryTake(out var batch))
        {
            batch = new EventBatch(this, blockBytes, maxEventsPerBatch);
            Interlocked.Increment(ref _created);
        }
        batch.PrepareForRent();
        Interlocked.Increment(ref _outstanding);
        return batch;
    }

    internal void Return(EventBatch batch)
    {
        Interlocked.Decrement(ref _outstanding);
        _free.Add(batch);
    }
}
