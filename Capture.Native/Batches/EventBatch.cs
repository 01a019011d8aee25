using System.Buffers.Binary;
using Capture.Native.Abi;
using Capture.Native.Events;

namespace Capture.Native.Batches;

/// <summary>
/// The unit that moves through the pipeline: a pooled block of raw scap frames laid back
/// to back, an index of slots into it, and the facts the merge needs without reading a
/// frame (ring, lowest and highest timestamp). Events are read as views over the block;
/// appending copies a frame once and allocates nothing.
///
/// Ownership: a batch is rented with one reference. Whoever hands it to several consumers
/// calls <see cref="Retain"/> once per extra consumer; each consumer calls
/// <see cref="Release"/> exactly once, and the last release returns it to its pool.
/// </summary>
public sealed class EventBatch
{
    readonly EventBatchPool? _pool;
    readonly byte[] _block;
    readonly EventSlot[] _slots;
    int _count;
    int _used;
    int _references;

    internal EventBatch(EventBatchPool? pool, int blockBytes, int maxEvents)
    {
        _pool = pool;
        _block = new byte[blockBytes];
        _slots = new EventSlot[maxEvents];
    }

    /// <summary>A batch outside any pool, for specs and one-off tools; Release only clears it.</summary>
    public static EventBatch Unpooled(int blockBytes = 1 << 16, int maxEvents = 1024)
    {
        var batch = new EventBatch(null, blockBytes, maxEvents);
        batch._references = 1;
        return batch;
    }

    /// <summary>The ring these events came from, or -1 for a batch that mixes rings.</summary>
    public int Ring { get; set; } = -1;

    public int Count => _count;
    public int BytesUsed => _used;
    public int BlockCapacity => _block.Length;
    public bool IsEmpty => _count == 0;
    public ulong MinTimestamp { get; private set; } = ulong.MaxValue;
    public ulong MaxTimestamp { get; private set; }

    public ref readonly EventSlot Slot(int index) => ref _slots[index];

    public ReadOnlySpan<byte> Frame(int index)
    {
        ref readonly var slot = ref _slots[index];
        return _block.AsSpan(slot.Offset, slot.Length);
    }

    /// <summary>
    /// A view of event <paramref name="index"/>. Frames enter a batch already validated, so
    /// a fault here means the block was overwritten after release: a bug, not bad input.
    /// </summary>
    public EventView View(int index)
    {
        var fault = EventView.TryRead(Frame(index), out var view);
        if (fault != FrameFault.None)
            throw new InvalidOperationException($"batch slot {index} no longer holds a valid event: {fault.Describe()}");
        return view;
    }

    /// <summary>Copies a validated frame in; false when the block or the index is full.</summary>
    public bool TryAppend(ReadOnlySpan<byte> frame, ushort cpu)
    {
        if (!TryReserve(frame.Length, cpu, out var target)) return false;
        frame.CopyTo(target);
        Commit(BinaryPrimitives.ReadUInt64LittleEndian(frame));
        return true;
    }

    /// <summary>
    /// Reserves room for a frame of <paramref name="length"/> bytes so a producer can write
    /// it in place (a ring consumer copying straight out of kernel memory). Call
    /// <see cref="Commit"/> with the frame's timestamp once it is written, before the next
    /// reserve.
    /// </summary>
    public bool TryReserve(int length, ushort cpu, out Span<byte> target)
    {
        if (_count == _slots.Length || length < EventHeader.Size || _used + length > _block.Length)
        {
            target = default;
            return false;
        }
        _slots[_count] = new EventSlot(0, _used, length, cpu);
        target = _block.AsSpan(_used, length);
        return true;
    }

    public void Commit(ulong timestamp)
    {
        ref var slot = ref _slots[_count];
        slot = slot with { Timestamp = timestamp };
        _used += slot.Length;
        _count++;
        if (timestamp < MinTimestamp) MinTimestamp = timestamp;
        if (timestamp > MaxTimestamp) MaxTimestamp = timestamp;
    }

    public void Retain(int extraReferences = 1) => Interlocked.Add(ref _references, extraReferences);

    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left > 0) return;
        if (left < 0) throw new InvalidOperationException("event batch released more often than it was retained");
        Clear();
        if (_pool is null) _references = 1;
        else _pool.Return(this);
    }

    internal void PrepareForRent()
    {
        Clear();
        _references = 1;
    }

    void Clear()
    {
        _count = 0;
        _used = 0;
        Ring = -1;
        MinTimestamp = ulong.MaxValue;
        MaxTimestamp = 0;
    }
}
