using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Capture.Native.Kmod;

namespace Capture.Native.Specs.Kmod;

/// <summary>
/// A kernel module ring in a pinned byte array, written the way driver/kmod/ring.h writes one
/// (facts from capture_kmod_abi.h): 8-byte record headers (len, kind), 8-byte aligned records
/// that never wrap, a PAD record to the end of the data area when one would not fit, the
/// producer position published after the bytes. Layout: consumer u64, producer page (pos,
/// data_size), then the data.
/// </summary>
public sealed unsafe class SimulatedKmodRing
{
    const int ProducerAt = 8, DataAt = 24;
    readonly byte[] _memory;
    readonly int _size;

    public SimulatedKmodRing(int size)
    {
        _size = size;
        _memory = GC.AllocateArray<byte>(DataAt + size, pinned: true);
        BinaryPrimitives.WriteUInt64LittleEndian(_memory.AsSpan(ProducerAt + 8), (ulong)size);
    }

    byte* Base => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_memory));

    public KmodRingMemory Memory => new((ulong*)Base, (KmodProducerPage*)(Base + ProducerAt), Base + DataAt, (ulong)_size);

    public ulong Producer
    {
        get => BinaryPrimitives.ReadUInt64LittleEndian(_memory.AsSpan(ProducerAt));
        set => BinaryPrimitives.WriteUInt64LittleEndian(_memory.AsSpan(ProducerAt), value);
    }

    public ulong Consumer => BinaryPrimitives.ReadUInt64LittleEndian(_memory);

    public int PadsWritten { get; private set; }

    /// <summary>Starts both positions at <paramref name="position"/> (to place records near the end).</summary>
    public void StartAt(ulong position)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_memory, position);
        Producer = position;
    }

    /// <summary>Free bytes as the producer sees them.</summary>
    public ulong Free => (ulong)_size - (Producer - Consumer);

    /// <summary>Writes one EVENT record (padding first when it would not fit before the end); false when the ring is full.</summary>
    public bool Write(byte[] payload)
    {
        var need = KmodAbi.RecordSize((uint)payload.Length);
        var head = Producer;
        var offset = (int)(head % (ulong)_size);
        var toEnd = (ulong)(_size - offset);
        var padding = need > toEnd ? toEnd : 0;
        if (padding + need > Free) return false;
        if (padding > 0)
        {
            Header(offset, (uint)(toEnd - KmodRecordHeader.Size), KmodAbi.RecordPad);
            head += toEnd;
            offset = 0;
            PadsWritten++;
        }
        Header(offset, (uint)payload.Length, KmodAbi.RecordEvent);
        payload.CopyTo(_memory, DataAt + offset + KmodRecordHeader.Size);
        Producer = head + need; // the producer's release store, after the bytes
        return true;
    }

    /// <summary>Writes a raw record header at a ring offset and moves the producer past <paramref name="advance"/> bytes (for corrupt records).</summary>
    public void WriteRaw(uint length, uint kind, ulong advance)
    {
        Header((int)(Producer % (ulong)_size), length, kind);
        Producer += advance;
    }

    void Header(int offset, uint length, uint kind)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_memory.AsSpan(DataAt + offset), length);
        BinaryPrimitives.WriteUInt32LittleEndian(_memory.AsSpan(DataAt + offset + 4), kind);
    }
}
