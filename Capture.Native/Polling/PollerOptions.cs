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
    /// The shortest and the longest pause between rounds. After a round that read records the
    /// pause is paced by <see cref="PacedFillPercent"/> and grows at most twofold a round; after
    /// an idle round it doubles. The longest bounds how late an event reaches the pipeline once
    /// its ring has gone quiet, and how long stopping takes.
    /// </summary>
    public TimeSpan ShortestPause { get; init; } = TimeSpan.FromMicroseconds(100);
    public TimeSpan LongestPause { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// After a round that read records, the poller pauses until the fastest-filling ring would
    /// be this full (percent of its size) at the rate it filled since the last round. Measured
    /// on this machine with `capture -q` under a getppid loop (~600 k events/s, 8 MiB rings):
    /// ~100 rounds a second instead of ~1,540 at a fixed 500 µs pause, and capture's CPU from
    /// 113 to 46 ticks in 5 s.
    /// </summary>
    public double PacedFillPercent { get; init; } = 10;

    /// <summary>
    /// A round that found this much of any ring (in percent of its size) written since the
    /// last one starts the next round at once instead of pausing. 100 or more: always pause.
    /// </summary>
    public int NoPauseFillPercent { get; init; } = 25;

    /// <summary>
    /// The SCHED_FIFO priority (1 … 99) the polling thread asks for first, or null not to. A
    /// real-time thread runs the moment its pause ends, ahead of every ordinary thread; a
    /// nice value only weighs its share. Measured with getppid loops on both CPUs of this
    /// machine, 64 KiB rings, load 8–13: nice -10 left the poller a mean 120–240 µs late and the
    /// kernel dropped 450–710 k events in 6 s; SCHED_FIFO 1 dropped 37–467 k (libs' scap-open,
    /// same windows: 59–420 k). The thread pauses after every round, and a round that finds its
    /// hand-off full reads nothing and pauses longer, so it cannot hold a CPU.
    /// </summary>
    public int? RealTimePriority { get; init; } = 1;

    /// <summary>The nice value the polling thread asks for (-20 … 19) when it runs as an ordinary thread, or null to leave it as it is.</summary>
    public int? Nice { get; init; } = -10;

    /// <summary>
    /// While a ring's hand-off is at least half full, a batch past <see cref="MaxBatchAge"/>
    /// is kept and filled on until it is full or the reader catches up.
    /// </summary>
    public bool HoldAgedWhileBacklogged { get; init; } = true;

    /// <summary>Batches each ring's hand-off holds before the poller stops draining that ring.</summary>
    public int HandoffCapacity { get; init; } = 16;
}
