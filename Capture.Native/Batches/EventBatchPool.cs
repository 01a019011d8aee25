namespace Capture.Native.Batches;

/// <summary>
/// A bounded set of reusable batches. Renting never allocates once the pool is warm;
/// <see cref="Outstanding"/> lets specs prove that every batch came back after a run.
///
/// Two kinds are kept apart: batches with a block of their own, which frames are copied into,
/// and views (<see cref="RentView"/>), which have no block and only refer to the frames of
/// other batches, as the merge's output does. A view costs its index, not a megabyte.
///
/// The batch rented is the one returned last: batches are returned on the sinks' threads and
/// rented on the poller's and the merge's, and a first-in first-out reuse (what a bag does
/// across threads) cycles through every batch in the pool, each block and index likely cold by
/// its turn. Last-in first-out also keeps the pool small: `bench pipeline --quick` made 24
/// batches instead of 72–84. A lock per batch (thousands of events) costs nothing per event.
/// </summary>
public sealed class EventBatchPool(int blockBytes = 1 << 20, int maxEventsPerBatch = 16 * 1024)
{
    readonly Stack<EventBatch> _free = [];
    readonly Stack<EventBatch> _freeViews = [];
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

    EventBatch Rent(Stack<EventBatch> free, int bytes)
    {
        EventBatch? batch;
        lock (free)
            free.TryPop(out batch);
        if (batch is null)
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
        var free = batch.BlockCapacity == 0 ? _freeViews : _free;
        lock (free)
            free.Push(batch);
    }
}
