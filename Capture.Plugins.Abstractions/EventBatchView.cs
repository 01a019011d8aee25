namespace Capture.Plugins;

/// <summary>
/// A read-only view of one batch of events, lent to a stage or a sink for one call. Reading
/// allocates nothing: <c>batch[i]</c> is a <see cref="PluginEvent"/> over the frame where it lies.
///
/// Lifetime: the view is valid until the call it was passed to returns (read it from any
/// thread meanwhile). To read the events later, copy what you need during the call, or take
/// <see cref="Keep"/> and read <see cref="EventBatchLease.Batch"/> until you dispose the lease.
/// A view read after its call returned, or after its lease was disposed, throws
/// <see cref="ObjectDisposedException"/>: the host may have reused the batch by then.
/// </summary>
public readonly struct EventBatchView
{
    readonly ViewSource? _source;
    readonly long _stamp;

    internal EventBatchView(ViewSource source, long stamp)
    {
        _source = source;
        _stamp = stamp;
    }

    public int Count => Source.Count;

    /// <summary>The cpu ring every event came from (before the merge), or -1 for a batch that mixes rings.</summary>
    public int Ring => Source.Ring;

    public PluginEvent this[int index] => Source.Event(index);

    /// <summary>
    /// Keeps this batch readable past the call: the host lets go of it only once the call has
    /// returned and every lease on it is disposed. Dispose the lease when done (a second
    /// dispose does nothing); a lease never disposed holds one of the pipeline's batches for good.
    /// </summary>
    public EventBatchLease Keep()
    {
        var source = Source;
        return source.Keep(_stamp);
    }

    ViewSource Source
    {
        get
        {
            var source = _source ?? throw new InvalidOperationException("this EventBatchView was never lent by the host (a default value)");
            if (source.Stamp != _stamp) throw Expired();
            return source;
        }
    }

    static ObjectDisposedException Expired() => new(
        nameof(EventBatchView),
        "this view of a batch was read after the call it was lent for returned, or after its lease was disposed; " +
        "the host may already have reused the batch. Copy what you need during the call, or take batch.Keep() and read lease.Batch until you dispose the lease.");
}
