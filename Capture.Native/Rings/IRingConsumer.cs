namespace Capture.Native.Rings;

/// <summary>
/// What the polling thread needs of one ring, whatever its record format: peek at the next
/// record, step past it, hand the space back. <see cref="BpfRingConsumer"/> reads a BPF ring
/// buffer, the kernel module's consumer (Kmod) its own ring. Both are pure ring
/// logic over memory, so the poller runs the same over a kernel mapping and a byte array.
///
/// Single consumer: one thread at a time per instance.
/// </summary>
public interface IRingConsumer
{
    /// <summary>Bytes consumed since the ring was created: where the next record starts.</summary>
    ulong Position { get; }

    /// <summary>Bytes of record data the ring holds when full.</summary>
    ulong Size { get; }

    /// <summary>
    /// Looks at the record at <see cref="Position"/>, skipping what the format says to skip.
    /// The span is valid until <see cref="Publish"/> lets the producer reuse the space.
    /// <see cref="RingPeek.Corrupt"/> means nothing from here on can be trusted.
    /// </summary>
    RingPeek TryPeek(out ReadOnlySpan<byte> record);

    /// <summary>Moves past the record the last <see cref="TryPeek"/> returned.</summary>
    void Advance();

    /// <summary>Gives everything before <see cref="Position"/> back to the producer.</summary>
    void Publish();
}
