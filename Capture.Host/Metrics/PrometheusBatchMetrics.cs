using Capture.Actors.Outputs;
using Prometheus;

namespace Capture.Host.Metrics;

/// <summary>The merged stream's batch sizes and lag (see <see cref="BatchMetricsSink"/>) as Prometheus metrics.</summary>
public sealed class PrometheusBatchMetrics(CollectorRegistry registry) : IBatchMetrics
{
    readonly Histogram _batchEvents = Prometheus.Metrics.WithCustomRegistry(registry).CreateHistogram(
        "capture_merged_batch_events", "Events per batch the merge releases",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 4, 8) });
    readonly Gauge _lag = Prometheus.Metrics.WithCustomRegistry(registry).CreateGauge(
        "capture_merge_lag_seconds", "Wall-clock time minus the newest event timestamp of the last merged batch");

    public void BatchMerged(int events) => _batchEvents.Observe(events);

    public void MergeLag(double seconds) => _lag.Set(seconds);
}
