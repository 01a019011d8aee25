namespace Capture.Native.Polling;

/// <summary>What the polling thread did with one ring's records. Written by the poller only.</summary>
public sealed class PollerStatistics
{
    long _delivered;
    long _corrupt;
    long _batches;
    long _stalls;
    long _undelivered;
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

    /// <summary>The ring held a record header no kernel writes; it is no longer read.</summary>
    public bool Unreadable => Volatile.Read(ref _unreadable) is not null;

    /// <summary>What made the ring unreadable and where, or null while it reads.</summary>
    public RingUnreadableException? UnreadableFault => Volatile.Read(ref _unreadable);

    internal void MarkUnreadable(RingUnreadableException fault) => Volatile.Write(ref _unreadable, fault);
    internal void AddUndeliveredAtStop(int count) => Volatile.Write(ref _undelivered, _undelivered + count);
    internal void AddDelivered(int count) => Volatile.Write(ref _delivered, _delivered + count);
    internal void AddCorrupt() => Volatile.Write(ref _corrupt, _corrupt + 1);
    internal void AddBatch() => Volatile.Write(ref _batches, _batches + 1);
    internal void AddStall() => Volatile.Write(ref _stalls, _stalls + 1);
}
