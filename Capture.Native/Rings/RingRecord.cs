namespace Capture.Native.Rings;

/// <summary>
/// The 8-byte header the kernel puts before every ring record (struct bpf_ringbuf_hdr):
/// a u32 length whose top two bits are flags, and a u32 page offset we do not need.
/// Records start 8-byte aligned.
/// </summary>
public static class RingRecord
{
    public const int HeaderSize = 8;
    /// <summary>Reserved but not yet committed by the producer: stop here and come back.</summary>
    public const uint BusyBit = 1u << 31;
    /// <summary>Committed as discarded: skip it.</summary>
    public const uint DiscardBit = 1u << 30;

    public static ulong TotalSize(uint length) => (length + HeaderSize + 7UL) & ~7UL;
}

/// <summary>What <see cref="BpfRingConsumer.TryPeek"/> found at the consumer position.</summary>
public enum RingPeek
{
    /// <summary>Nothing to read: consumer caught up with producer.</summary>
    Empty,
    /// <summary>The next record is still being written; nothing after it may be read yet.</summary>
    Busy,
    /// <summary>A committed record.</summary>
    Record,
    /// <summary>A header whose length cannot fit in the ring: the ring is unreadable from here.</summary>
    Corrupt,
}
