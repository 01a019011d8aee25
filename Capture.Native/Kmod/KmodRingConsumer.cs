using System.Runtime.CompilerServices;
using Capture.Native.Polling;
using Capture.Native.Rings;

namespace Capture.Native.Kmod;

/// <summary>
/// Reads the records of one kernel module ring in order, without system calls: pure ring
/// logic over <see cref="KmodRingMemory"/>, so the same code runs on the device's mapping and
/// on a byte array in specs. EVENT records are handed out (their bytes are one scap frame),
/// PAD records skipped.
///
/// The module never trusts our position and we never trust its records: a header whose
/// length runs past the producer or the end of the data area, an unknown kind, a PAD that does
/// not end the data area, or a producer position the ring cannot hold each make the ring
/// <see cref="RingPeek.Corrupt"/> from there on (the poller then reports it unreadable), never
/// a read outside the mapping.
///
/// Single consumer: one thread per instance (the module allows one open per device).
/// </summary>
public sealed unsafe class KmodRingConsumer : IRingConsumer
{
    readonly KmodRingMemory _memory;
    readonly ulong _mask;
    ulong _position;
    ulong _peekedTotal;

    public KmodRingConsumer(KmodRingMemory memory)
    {
        if (memory.Size < KmodRecordHeader.Size || (memory.Size & (memory.Size - 1)) != 0)
            throw new ArgumentException($"ring data size {memory.Size} is not a power of two of at least {KmodRecordHeader.Size}", nameof(memory));
        _memory = memory;
        _mask = memory.Size - 1;
        // We are the only writer of the consumer position, so a plain start value is ours. It is
        // 0 before START (the module rewinds at START and at the last close: capture_kmod_abi.h).
        _position = Volatile.Read(ref *memory.ConsumerPosition);
    }

    public ulong Position => _position;

    public ulong Size => _memory.Size;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RingPeek TryPeek(out ReadOnlySpan<byte> record)
    {
        record = default;
        while (true)
        {
            // Acquire: pairs with the module's smp_store_release of its position, which it makes
            // after writing every byte of the records (and PADs) below it. So everything in
            // [our position, producer) is complete and may be read with plain loads.
            var producer = Volatile.Read(ref _memory.Producer->Position);
            if (_position == producer) return RingPeek.Empty;
            // Positions only grow and the ring holds at most Size bytes: anything else is a
            // producer page no module writes (or a position of ours it never handed out).
            if (producer < _position || producer - _position > _memory.Size || (_position & (KmodAbi.RecordAlign - 1)) != 0)
                return RingPeek.Corrupt;

            var offset = _position & _mask;
            var header = (KmodRecordHeader*)(_memory.Data + offset);
            var length = header->Length;
            var kind = header->Kind;
            var total = KmodAbi.RecordSize(length);
            // Records never wrap: one must end inside the data area and below the producer.
            if (total > _memory.Size - offset || total > producer - _position) return RingPeek.Corrupt;

            if (kind == KmodAbi.RecordPad)
            {
                // The module pads exactly to the end of the data area and goes on at offset 0.
                if (offset + total != _memory.Size) return RingPeek.Corrupt;
                _position += total;
                continue;
            }
            if (kind != KmodAbi.RecordEvent) return RingPeek.Corrupt;

            record = new ReadOnlySpan<byte>((byte*)header + KmodRecordHeader.Size, (int)length);
            _peekedTotal = total;
            return RingPeek.Record;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Advance()
    {
        _position += _peekedTotal;
        _peekedTotal = 0;
    }

    /// <summary>
    /// Release: every read of the records before our position happens before the module can
    /// see the space as free (its smp_load_acquire of this position) and write over it.
    /// </summary>
    public void Publish() => Volatile.Write(ref *_memory.ConsumerPosition, _position);
}
