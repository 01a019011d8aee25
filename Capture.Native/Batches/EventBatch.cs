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
/// A batch may also refer to frames that live in other batches' blocks instead of copying
/// them (<see cref="TryAppendReference"/>): that is how the merge puts events of many rings
/// in order without a second copy. It holds one reference on each batch it refers to and
/// gives them back when it is released, so an input batch returns to its pool once the last
/// merged batch that shows any of its frames is done: released by slices.
///
/// Ownership: a batch is rented with one reference. Whoever hands it to several consumers
/// calls <see cref="Retain"/> once per extra consumer; each consumer calls
/// <see cref="Release"/> exactly once, and the last release returns it to its pool.
/// </summary>
public sealed class EventBatch
{
    /// <summary>Most distinct batches one batch refers to; a merged batch is full at that.</summary>
    public const int MaxSources = 512;

    readonly EventBatchPool? _pool;
    readonly byte[] _block;
    readonly EventSlot[] _slots;
    EventBatch[]? _sources;
    int _sourceCount;
    EventBatch? _unfiltered;
    int _count;
    int _used; // of the own block
    int _frameBytes; // of every frame, own or referred to
    int _references;

    internal EventBatch(EventBatchPool? pool, int blockBytes, int maxEvents)
    {
        _pool = pool;
        _block = blockBytes == 0 ? [] : new byte[blockBytes];
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
    /// <summary>The bytes of every frame in the batch, whether in its own block or referred to.</summary>
    public int BytesUsed => _frameBytes;
    public int BlockCapacity => _block.Length;
    public bool IsEmpty => _count == 0;
    public ulong MinTimestamp { get; private set; } = ulong.MaxValue;
    public ulong MaxTimestamp { get; private set; }

    /// <summary>
    /// Thread hand-offs the events crossed on their way here, counted by each hand-off
    /// mechanism as it passes the batch on (a merged batch takes the most of its sources).
    /// The pipeline promises at most two before a sink; specs read this to hold it to that.
    /// </summary>
    public int HandOffs { get; set; }

    /// <summary>
    /// The batch this one was filtered from, whole, when a stage kept only some of its events;
    /// null otherwise. A sink that keeps process and fd state follows every event of it, so
    /// what a filter hides still names the processes and files of what it shows.
    /// </summary>
    public EventBatch? Unfiltered => _unfiltered;

    public ref readonly EventSlot Slot(int index) => ref _slots[index];

    /// <summary>
    /// Remembers <paramref name="original"/> (or what it was filtered from) as this batch's
    /// <see cref="Unfiltered"/>, holding a reference on it until this batch is released.
    /// </summary>
    public void KeepUnfiltered(EventBatch original)
    {
        var whole = original._unfiltered ?? original;
        if (ReferenceEquals(whole, _unfiltered)) return;
        whole.Retain();
        _unfiltered?.Release();
        _unfiltered = whole;
    }

    /// <summary>True when event <paramref name="index"/> of this batch is the very frame <paramref name="frame"/> (the same bytes, not a copy).</summary>
    public bool Holds(int index, ReadOnlySpan<byte> frame)
    {
        var own = Frame(index);
        return own.Length == frame.Length && System.Runtime.CompilerServices.Unsafe.AreSame(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(own), ref System.Runtime.InteropServices.MemoryMarshal.GetReference(frame));
    }

    public ReadOnlySpan<byte> Frame(int index)
    {
        ref readonly var slot = ref _slots[index];
        var block = slot.Source == EventSlot.OwnBlock ? _block : _sources![slot.Source]._block;
        return block.AsSpan(slot.Offset, slot.Length);
    }

    /// <summary>
    /// A view of event <paramref name="index"/>. Frames enter a batch only once validated
    /// (<see cref="TryAppend"/> checks them; the ring poller, the one user of
    /// <see cref="TryReserve"/>, checks before it commits), so their lengths are not summed again
    /// on every read.
    /// </summary>
    public EventView View(int index) => EventView.OfAccepted(Frame(index));

    /// <summary>
    /// Copies a frame in, after checking it is one whole event (its header and parameter
    /// lengths agree with its length); false when the block or the index is full.
    /// </summary>
    /// <exception cref="ArgumentException">The bytes are not one whole event.</exception>
    public bool TryAppend(ReadOnlySpan<byte> frame, ushort cpu)
    {
        var fault = EventView.TryRead(frame, out var view);
        if (fault != FrameFault.None) throw new ArgumentException($"not an event frame: {fault.Describe()}", nameof(frame));
        if (view.Length != frame.Length) throw new ArgumentException($"the frame says it is {view.Length} bytes long, not {frame.Length}", nameof(frame));
        if (!TryReserve(frame.Length, cpu, out var target)) return false;
        frame.CopyTo(target);
        Commit(BinaryPrimitives.ReadUInt64LittleEndian(frame));
        return true;
    }

    /// <summary>
    /// Copies event <paramref name="index"/> of <paramref name="source"/> into this batch's own
    /// block (a stage that rewrites or keeps a selection in a batch of its own); the copy is
    /// counted on the slot. False when the block or the index is full.
    /// </summary>
    public bool TryCopyFrom(EventBatch source, int index)
    {
        ref readonly var from = ref source._slots[index];
        var frame = source.Frame(index);
        if (!TryReserve(frame.Length, from.Cpu, out var target)) return false;
        frame.CopyTo(target);
        _slots[_count] = _slots[_count] with { Copies = (byte)Math.Min(from.Copies + 1, byte.MaxValue) };
        Commit(from.Timestamp);
        return true;
    }

    /// <summary>
    /// Adds event <paramref name="index"/> of <paramref name="source"/> without copying it:
    /// the slot points into the block that holds the frame, and this batch keeps a reference
    /// on that block's batch until it is released. False when the index is full or the batch
    /// already refers to <see cref="MaxSources"/> batches.
    /// </summary>
    public bool TryAppendReference(EventBatch source, int index)
    {
        if (_count == _slots.Length) return false;
        var slot = source._slots[index];
        var owner = slot.Source == EventSlot.OwnBlock ? source : source._sources![slot.Source];
        var at = SourceIndex(owner);
        if (at < 0) return false;
        _slots[_count] = slot with { Source = (short)at };
        if (source.HandOffs > HandOffs) HandOffs = source.HandOffs;
        Commit(slot.Timestamp, ownBlock: false);
        return true;
    }

    /// <summary>Where <paramref name="owner"/> sits among the sources, added (and retained) if new; -1 when full.</summary>
    int SourceIndex(EventBatch owner)
    {
        // Merged runs come from few batches at a time: the last one added is the usual answer.
        for (var i = _sourceCount - 1; i >= 0; i--)
            if (ReferenceEquals(_sources![i], owner)) return i;
        _sources ??= new EventBatch[MaxSources];
        if (_sourceCount == MaxSources) return -1;
        owner.Retain();
        _sources[_sourceCount] = owner;
        return _sourceCount++;
    }

    /// <summary>
    /// Reserves room for a frame of <paramref name="length"/> bytes so a producer can write
    /// it in place (a ring consumer copying straight out of kernel memory). Call
    /// <see cref="Commit"/> with the frame's timestamp once it is written, before the next
    /// reserve. The caller must have validated the frame (<see cref="EventView.TryRead"/>).
    /// </summary>
    internal bool TryReserve(int length, ushort cpu, out Span<byte> target)
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

    internal void Commit(ulong timestamp) => Commit(timestamp, ownBlock: true);

    void Commit(ulong timestamp, bool ownBlock)
    {
        ref var slot = ref _slots[_count];
        slot = slot with { Timestamp = timestamp };
        if (ownBlock) _used += slot.Length;
        _frameBytes += slot.Length;
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
        for (var i = 0; i < _sourceCount; i++)
        {
            _sources![i].Release();
            _sources[i] = null!;
        }
        _sourceCount = 0;
        _unfiltered?.Release();
        _unfiltered = null;
        HandOffs = 0;
        _count = 0;
        _used = 0;
        _frameBytes = 0;
        Ring = -1;
        MinTimestamp = ulong.MaxValue;
        MaxTimestamp = 0;
    }
}
