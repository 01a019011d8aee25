namespace Capture.Bench.Overhead;

/// <summary>
/// One workload mode's medians over interleaved rounds. "Added" is ns per iteration above
/// the baseline; <see cref="AddedToFloor"/> is our added cost over the bpftrace counter's,
/// the share of the overhead any BPF tracer pays that we add on top, and
/// <see cref="AddedToScapOpen"/> our added cost over libs' scap-open's (NaN without it).
/// </summary>
internal sealed record OverheadResult(
    string Mode,
    long Iterations,
    int Rounds,
    double BaselineNs,
    double CaptureNs,
    double FloorNs,
    double ScapOpenNs,
    double EventsPerSecond,
    long Drops,
    long Unaccounted,
    double CpuNsPerEvent,
    double PeakRssMb)
{
    /// <summary>Issue 17's kernel-side goals: our added cost at most this share of scap-open's on every mode…</summary>
    public const double ScapOpenTarget = 0.6;

    /// <summary>…and on getppid at most this multiple of the bpftrace floor's.</summary>
    public const double FloorTarget = 1.5;

    public bool FloorTargetApplies => Mode == "getppid";

    public double AddedNs => CaptureNs - BaselineNs;

    public double FloorAddedNs => FloorNs - BaselineNs;

    public double OverheadPercent => 100 * AddedNs / BaselineNs;

    public double FloorOverheadPercent => 100 * FloorAddedNs / BaselineNs;

    public double ScapOpenAddedNs => ScapOpenNs - BaselineNs;

    /// <summary>NaN (null in JSON) when either added cost is lost in the noise, as for fork+exec.</summary>
    public double AddedToFloor => Ratio(AddedNs, FloorAddedNs);

    public double AddedToScapOpen => Ratio(AddedNs, ScapOpenAddedNs);

    static double Ratio(double ours, double theirs) => theirs > 0 && ours > 0 ? ours / theirs : double.NaN;
}
