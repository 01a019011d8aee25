using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Native.Batches;

namespace Capture.Actors.Outputs;

/// <summary>
/// Watches the merged stream for the metrics that live in it rather than in counters: how many
/// events each merged batch carries, and how far behind the wall clock the merge releases
/// events (its lag: the watermarks hold events back until every ring has passed them). Where
/// the numbers go (Prometheus, in the host) is <paramref name="metrics"/>'s business.
/// </summary>
public sealed class BatchMetricsSink(IBatchMetrics metrics) : ICaptureSink
{
    public string Name => "metrics";

    public void Write(EventBatch batch)
    {
        try
        {
            metrics.BatchMerged(batch.Count);
            var now = (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
            // An empty batch carries only drop counts: it has no newest event to be late with.
            if (!batch.IsEmpty) metrics.MergeLag((now - Math.Min(now, batch.MaxTimestamp)) / 1e9);
        }
        finally
        {
            batch.Release();
        }
    }

    public void Gap(CaptureGap gap)
    {
    }

    public void Complete()
    {
    }
}
