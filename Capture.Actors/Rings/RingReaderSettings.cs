namespace Capture.Actors.Rings;

public sealed record RingReaderSettings
{
    /// <summary>
    /// How far out of order a ring may hand events over: the reader promises a watermark this
    /// much below its ring's, and anything later than that is counted late by the merge.
    /// </summary>
    public ulong DisorderWindowNs { get; init; } = 1_000_000;

    /// <summary>How often an idle reader looks at its ring again (and moves its watermark).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>What a reader may promise for a ring at <paramref name="watermark"/>: the disorder window less.</summary>
    public ulong PromiseFor(ulong watermark) =>
        watermark == ulong.MaxValue ? ulong.MaxValue
        : watermark > DisorderWindowNs ? watermark - DisorderWindowNs : 0;

    /// <summary>Batches taken in one turn before the reader lets other messages in.</summary>
    public int MaxBatchesPerTurn { get; init; } = 16;
}
