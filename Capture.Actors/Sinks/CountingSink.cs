using Capture.Actors.Protocol;
using Capture.Native.Batches;

namespace Capture.Actors.Sinks;

/// <summary>
/// Counts what arrives and checks order on the way, without keeping anything: the sink for
/// throughput runs and for specs that only need totals. Reads one field per event.
/// </summary>
public sealed class CountingSink(string name = "counting") : ICaptureSink
{
    long _events;
    long _batches;
    long _bytes;
    long _outOfOrder;
    long _gaps;
    ulong _last;
    readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => name;

    public long Events => Interlocked.Read(ref _events);
    public long Batches => Interlocked.Read(ref _batches);
    public long Bytes => Interlocked.Read(ref _bytes);
    public long Gaps => Interlocked.Read(ref _gaps);

    /// <summary>Events whose timestamp was below the one before: must stay 0.</summary>
    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    public Task Completed => _completed.Task;

    public void Write(EventBatch batch)
    {
        try
        {
            var count = batch.Count;
            var outOfOrder = 0;
            for (var i = 0; i < count; i++)
            {
                var ts = batch.Slot(i).Timestamp;
                if (ts < _last) outOfOrder++;
                _last = ts;
            }
            Interlocked.Add(ref _events, count);
            Interlocked.Add(ref _bytes, batch.BytesUsed);
            Interlocked.Increment(ref _batches);
            if (outOfOrder > 0) Interlocked.Add(ref _outOfOrder, outOfOrder);
        }
        finally
        {
            batch.Release();
        }
    }

    public void Gap(CaptureGap gap) => Interlocked.Increment(ref _gaps);

    public void Complete() => _completed.TrySetResult();
}
