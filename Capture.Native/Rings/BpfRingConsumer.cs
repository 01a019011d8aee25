using System.Runtime.CompilerServices;

namespace Capture.Native.Rings;

/// <summary>
/// Reads records out of one BPF ring buffer in order, without system calls. Pure ring
/// logic over <see cref="RingMemory"/>, so the same code runs on a kernel mapping and on a
/// byte array in specs.
///
/// Use: <see cref="TryPeek"/> the next record, copy it out, <see cref="Advance"/> past it;
/// <see cref="Publish"/> hands the space back to the kernel. Peeking without advancing
/// leaves the record in the ring (how the poller applies backpressure).
///
/// Single consumer: only one thread may use an instance. The kernel is the producer.
/// </summary>
public sealed unsafe class BpfRingConsumer : IRingConsumer
{
    readonly RingMemory _memory;
    readonly ulong _mask;
    ulong _position;
    ulong _peekedTotal;

    public BpfRingConsumer(RingMemory memory)
    {
        if (memory.Size == 0 || (memory.Size & (memory.Size - 1)) != 0)
            throw new ArgumentException($"ring size {memory.Size} is not a power of two", nameof(memory));
        _memory = memory;
        _mask = memory.Size - 1;
        // We are the only writer of the consumer position, so a plain start value is ours.
        _position = Volatile.Read(ref *memory.ConsumerPosition);
    }

    /// <summary>Bytes consumed since the ring was created: where the next record starts.</summary>
    public ulong Position => _position;

    public ulong Size => _memory.Size;

    /// <summary>
    /// Looks at the record at the consumer position. Discarded records are skipped. The
    /// span is valid until <see cref="Publish"/> lets the producer reuse the space.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RingPeek TryPeek(out ReadOnlySpan<byte> record)
    {
        record = default;
        while (true)
        {
            // Acquire: pairs with the kernel's release store of producer_pos in reserve, so a
            // header at any position below it has at least been written with BUSY set.
            var producer = Volatile.Read(ref *_memory.ProducerPosition);
            if (_position >= producer) return RingPeek.Empty;

            var header = (uint*)(_memory.Data + (_position & _mask));
            // Acquire: pairs with the kernel's release (xchg) of the length on commit, so once
            // BUSY is clear every byte of the record is visible to us.
            var word = Volatile.Read(ref *header);
            if ((word & RingRecord.BusyBit) != 0) return RingPeek.Busy;

            var length = word & ~(RingRecord.BusyBit | RingRecord.DiscardBit);
            var total = RingRecord.TotalSize(length);
            if (total > _memory.Size || _position + total > producer) return RingPeek.Corrupt;

            if ((word & RingRecord.DiscardBit) != 0)
            {
                _position += total;
                continue;
            }
            // The data area is mapped twice back to back, so a record that wraps past the end
            // is still contiguous here: no copy to stitch it together.
            record = new ReadOnlySpan<byte>((byte*)header + RingRecord.HeaderSize, (int)length);
            _peekedTotal = total;
            return RingPeek.Record;
        }
    }

    /// <summary>Moves past the record the last <see cref="TryPeek"/> returned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Advance()
    {
        _position += _peekedTotal;
        _peekedTotal = 0;
    }

    /// <summary>
    /// Gives everything before our position back to the producer. Release: every read of
    /// those records happens before the kernel can see the space as free and overwrite it.
    /// </summary>
    public void Publish() => Volatile.Write(ref *_memory.ConsumerPosition, _position);
}
