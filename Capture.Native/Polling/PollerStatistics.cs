namespace Capture.Native.Polling;

/// <summary>What the polling thread did with one ring's records. Written by the poller only.</summary>
public sealed class PollerStatistics
{
    long _delivered;
    long _corrupt;
    long _batches;
    long _stalls;
    long _undelivered;
    long _nearlyFull;
    long _heldAged;
    int _highestFill;
    RingUnreadableException? _unreadable;

    /// <summary>Events copied into batches: published, or counted in <see cref="UndeliveredAtStop"/>.</summary>
    public long EventsDelivered => Volatile.Read(ref _delivered);

    /// <summary>Records that failed frame validation: counted and skipped.</summary>
    public long CorruptFrames => Volatile.Read(ref _corrupt);

    public long BatchesPublished => Volatile.Read(ref _batches);

    /// <summary>Rounds the ring was left undrained because its hand-off was full.</summary>
    public long BackpressureStalls => Volatile.Read(ref _stalls);

    /// <summary>Events read from the ring but dropped at stop because the hand-off was full.</summary>
    public long UndeliveredAtStop => Volatile.Read(ref _undelivered);

    /// <summary>
    /// Rounds that found at least three quarters of the ring written since the last one: the
    /// poller came back barely in time, or (when the kernel dropped) too late.
    /// </summary>
    public long NearlyFullRounds => Volatile.Read(ref _nearlyFull);

    /// <summary>Rounds that kept an aged batch filling because the hand-off was half full.</summary>
    public long AgedBatchesHeld => Volatile.Read(ref _heldAged);

    /// <summary>The most of the ring one round found written, in percent.</summary>
    public int HighestFillPercent => Volatile.Read(ref _highestFill);

    /// <summary>The ring held a record header no kernel writes; it is no longer read.</summary>
    public bool Unreadable => Volatile.Read(ref _unreadable) is not null;

    /// <summary>What made the ring unreadable and where, or null while it reads.</summary>
    public RingUnreadableException? UnreadableFault => Volatile.Read(ref _unreadable);

    internal void MarkUnreadable(RingUnreadableException fault) => Volatile.Write(ref _unreadable, fault);
    internal void AddUndeliveredAtStop(int count) => Volatile.Write(ref _undelivered, _undelivered + count);
    internal void AddDelivered(int count) => Volatile.Write(ref _delivered, _delivered + count);
    internal void AddCorrupt() => Volatile.Write(ref _corrupt, _corrupt + 1);
    internal void AddBatch() => Volatile.Write(ref _batches, _batches + 1);
    internal void AddRound(int fillPercent)
    {
        if (fillPercent >= 75) Volatile.Write(ref _nearlyFull, _nearlyFull + 1);
        if (fillPercent > _highestFill) Volatile.Write(ref _highestFill, fillPercent);
    }

    internal void AddHeldAged() => Volatile.Write(ref _heldAged, _heldAged + 1);
    internal void AddStall() => Volatile.Write(ref _stalls, _stalls + 1);
}
