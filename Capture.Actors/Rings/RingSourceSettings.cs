namespace Capture.Actors.Rings;

/// <summary>How the stream's entry reads the rings of a driver.</summary>
public sealed record RingSourceSettings
{
    /// <summary>
    /// How far out of order a ring may hand events over: the source promises a watermark this
    /// much below its ring's, and anything later than that is counted late by the merge.
    /// </summary>
    public ulong DisorderWindowNs { get; init; } = 1_000_000;

    /// <summary>How often idle rings are looked at again (and their watermarks moved on).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>What may be promised for a ring at <paramref name="watermark"/>: the disorder window less.</summary>
    public ulong PromiseFor(ulong watermark) =>
        watermark == ulong.MaxValue ? ulong.MaxValue
        : watermark > DisorderWindowNs ? watermark - DisorderWindowNs : 0;
}
