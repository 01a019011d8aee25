namespace Capture.Bench.Saturation;

/// <summary>One tracer's run at one ring size: what it read and what the kernel dropped.</summary>
internal sealed record TracerRun(long Events, long Dropped, double LoadAverage, PollerLines? Poller = null)
{
    public double DroppedPercent => Events + Dropped == 0 ? 0 : 100.0 * Dropped / (Events + Dropped);
}

/// <summary>
/// Every round at one ring size, both tracers. The goal: capture drops at most half of what
/// scap-open drops in the same run, summed over the rounds.
/// </summary>
internal sealed record SaturationResult(long RingBytes, IReadOnlyList<TracerRun> ScapOpen, IReadOnlyList<TracerRun> Capture)
{
    public const double Goal = 0.5;

    public long ScapOpenDropped => ScapOpen.Sum(r => r.Dropped);
    public long CaptureDropped => Capture.Sum(r => r.Dropped);

    /// <summary>capture's drops over scap-open's; NaN when scap-open dropped nothing (then only 0 meets the goal).</summary>
    public double Ratio => ScapOpenDropped == 0 ? double.NaN : (double)CaptureDropped / ScapOpenDropped;

    public bool GoalMet => CaptureDropped <= Goal * ScapOpenDropped;
}
