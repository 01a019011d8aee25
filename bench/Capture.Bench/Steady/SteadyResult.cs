namespace Capture.Bench.Steady;

/// <summary>One window of <see cref="SteadyBenchmark"/>: delivered events, their rate, capture's CPU per event, kernel drops.</summary>
internal sealed record SteadyRound(long Events, double Seconds, double CpuNsPerEvent, long Dropped, double LoadAverage)
{
    public double EventsPerSecond => Events / Seconds;
}

/// <summary>Every round of one output (-q or -w), with medians.</summary>
internal sealed record SteadyResult(string Output, IReadOnlyList<SteadyRound> Rounds)
{
    public double MedianCpuNsPerEvent => Medians.Of(Rounds.Select(r => r.CpuNsPerEvent));

    public double MedianEventsPerSecond => Medians.Of(Rounds.Select(r => r.EventsPerSecond));
}
