using Capture.Actors.Accounting;
namespace Capture.Actors.Streams;

public sealed record MergeSettings
{
    /// <summary>
    /// How long the merge may starve (downstream waiting, events held) on one ring's
    /// watermark before it treats that ring as stalled and stops waiting for it. Wall time,
    /// and only time with demand counts, so backpressure never makes a ring look stalled.
    /// </summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A stalled ring is set aside only if its watermark trails the most advanced ring by
    /// more than this; what it sends later that falls behind the released time is counted
    /// late. <see cref="ulong.MaxValue"/> waits for every ring forever.
    /// </summary>
    public ulong MaxRingLagNs { get; init; } = 10_000_000;

    /// <summary>
    /// Most events the merge holds waiting for watermarks; beyond it the oldest are released
    /// early (counted in <see cref="PipelineStats.ForcedReleases"/>), so memory stays bounded.
    /// </summary>
    public long MaxPendingEvents { get; init; } = 1024 * 1024;
}
