using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Native.Batches;
using Prometheus;

namespace Capture.Host.Metrics;

/// <summary>
/// Watches the merged stream for the metrics that live in it rather than in counters: how many
/// events each merged batch carries, and how far behind the wall clock the merge releases
/// events (its lag: the watermarks hold events back until every ring has passed them).
/// </summary>
public sealed class BatchMetricsSink(CollectorRegistry registry) : ICaptureSink
{
    readonly Histogram _batchEvents = Prometheus.Metrics.WithCustomRegistry(registry).CreateHistogram(
        "capture_merged_batch_events", "Events per batch the merge releases",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 4, 8) });
    readonly Gauge _lag = Prometheus.Metrics.WithCustomRegistry(registry).CreateGauge(
        "capture_merge_lag_seconds", "Wall-clock time minus the newest event timestamp of the last merged batch");

    public string Name => "metrics";

    public void Write(EventBatch batch)
    {
        try
        {
            _batchEvents.Observe(batch.Count);
            var now = (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
            if (!batch.IsEmpty) _lag.Set((now - Math.Min(now, batch.MaxTimestamp)) / 1e9);
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
