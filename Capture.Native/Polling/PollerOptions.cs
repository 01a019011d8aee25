namespace Capture.Native.Polling;

/// <summary>How the polling thread batches and sleeps.</summary>
public sealed record PollerOptions
{
    /// <summary>A batch is published when full or when its first event is this old.</summary>
    public TimeSpan MaxBatchAge { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// How far behind the clock an idle ring's watermark stays: an event is stamped just
    /// before it is copied into the ring, so one stamped a moment ago may still be on its way.
    /// </summary>
    public TimeSpan InFlightAllowance { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Pause after a round that read records; doubles while idle up to <see cref="MaxIdleSleep"/>.
    /// Measured with tools/ProbeBench on this machine: pausing 500 µs instead of 5–50 µs cuts
    /// what the probe adds to a traced open+close by about a third (less cache-line traffic
    /// between the writing CPUs and the reader), while an 8 MiB ring holds far more than
    /// 500 µs of events.
    /// </summary>
    public TimeSpan MinIdleSleep { get; init; } = TimeSpan.FromMicroseconds(500);
    public TimeSpan MaxIdleSleep { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// A round that found this much of any ring (in percent of its size) written since the
    /// last one starts the next round at once instead of pausing. 100 or more: always pause.
    /// </summary>
    public int NoPauseFillPercent { get; init; } = 25;

    /// <summary>The nice value the polling thread asks for (-20 … 19), or null to leave it as it is.</summary>
    public int? Nice { get; init; } = -10;

    /// <summary>
    /// While a ring's hand-off is at least half full, a batch past <see cref="MaxBatchAge"/>
    /// is kept and filled on until it is full or the reader catches up.
    /// </summary>
    public bool HoldAgedWhileBacklogged { get; init; } = true;

    /// <summary>Batches each ring's hand-off holds before the poller stops draining that ring.</summary>
    public int HandoffCapacity { get; init; } = 16;
}
