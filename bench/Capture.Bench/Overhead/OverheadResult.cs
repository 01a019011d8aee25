namespace Capture.Bench.Overhead;

/// <summary>
/// One workload mode's medians over interleaved rounds. "Added" is ns per iteration above
/// the baseline; <see cref="AddedToFloor"/> is our added cost over the bpftrace counter's,
/// the share of the overhead any BPF tracer pays that we add on top.
/// </summary>
internal sealed record OverheadResult(
    string Mode,
    long Iterations,
    int Rounds,
    double BaselineNs,
    double CaptureNs,
    double FloorNs,
    double EventsPerSecond,
    long Drops,
    long Unaccounted,
    double CpuNsPerEvent,
    double PeakRssMb)
{
    public double AddedNs => CaptureNs - BaselineNs;

    public double FloorAddedNs => FloorNs - BaselineNs;

    public double OverheadPercent => 100 * AddedNs / BaselineNs;

    public double FloorOverheadPercent => 100 * FloorAddedNs / BaselineNs;

    /// <summary>NaN (null in JSON) when either added cost is lost in the noise, as for fork+exec.</summary>
    public double AddedToFloor => FloorAddedNs > 0 && AddedNs > 0 ? AddedNs / FloorAddedNs : double.NaN;
}
