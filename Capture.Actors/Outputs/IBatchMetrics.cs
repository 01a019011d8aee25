namespace Capture.Actors.Outputs;

/// <summary>
/// Where <see cref="BatchMetricsSink"/> reports what it sees in the merged stream. The host
/// keeps these as Prometheus metrics; the pipeline knows nothing of Prometheus.
/// </summary>
public interface IBatchMetrics
{
    /// <summary>The merge released a batch of this many events.</summary>
    void BatchMerged(int events);

    /// <summary>The wall clock minus the newest event timestamp of the batch just released, in seconds.</summary>
    void MergeLag(double seconds);
}
