namespace Capture.Actors.Streams;

public sealed record MergeSettings
{
    /// <summary>
    /// A live ring whose watermark trails the most advanced ring by more than this stops
    /// holding the merge back (a stalled CPU or reader); what it sends later that falls behind
    /// the released time is counted late. <see cref="ulong.MaxValue"/> waits for every ring.
    /// </summary>
    public ulong MaxRingLagNs { get; init; } = 50_000_000;

    /// <summary>
    /// Most events the merge holds waiting for watermarks; beyond it the oldest are released
    /// early (counted in <see cref="PipelineStats.ForcedReleases"/>), so memory stays bounded.
    /// </summary>
    public long MaxPendingEvents { get; init; } = 4L * 1024 * 1024;
}
