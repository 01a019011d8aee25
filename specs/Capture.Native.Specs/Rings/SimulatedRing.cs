using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Capture.Native.Rings;

namespace Capture.Native.Specs.Rings;

/// <summary>
/// A BPF ring buffer in a pinned byte array, written the way the kernel writes one: 8-byte
/// headers with busy and discard bits, 8-byte aligned records, and the data area mirrored
/// into a second copy right after it (what the kernel's double mapping shows a reader).
/// </summary>
public sealed unsafe class SimulatedRing
{
    readonly byte[] _memory;
    readonly int _size;

    public SimulatedRing(int size)
    {
        _size = size;
        _memory = GC.AllocateArray<byte>(16 + 2 * size, pinned: true);
    }

    byte* Base => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_memory));

    public RingMemory Memory => new((ulong*)Base, (ulong*)(Base + 8), Base + 16, (ulong)_size);

    public ulong Producer
    {
        get => BinaryPrimitives.ReadUInt64LittleEndian(_memory.AsSpan(8));
        set => BinaryPrimitives.WriteUInt64LittleEndian(_memory.AsSpan(8), value);
    }

    public ulong Consumer => BinaryPrimitives.ReadUInt64LittleEndian(_memory);

    /// <summary>Starts both positions at <paramref name="position"/> (to place records near the end).</summary>
    public void StartAt(ulong position)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_memory, position);
        Producer = position;
    }

    /// <summary>Reserves and writes a record; returns its position so a spec can commit it later.</summary>
    public ulong Write(ReadOnlySpan<byte> payload, bool busy = false, bool discard = false)
    {
        var position = Producer;
        var header = (uint)payload.Length | (busy ? RingRecord.BusyBit : 0) | (discard ? RingRecord.DiscardBit : 0);
        Span<byte> raw = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(raw, header);
        Put(position, raw);
        Put(position + 8, payload);
        Producer = position + RingRecord.TotalSize((uint)payload.Length);
        return position;
    }

    /// <summary>Clears the busy bit of the record at <paramref name="position"/>, as the kernel's commit does.</summary>
    public void Commit(ulong position)
    {
        Span<byte> raw = stackalloc byte[4];
        for (var i = 0; i < 4; i++) raw[i] = _memory[16 + (int)((position + (ulong)i) % (ulong)_size)];
        BinaryPrimitives.WriteUInt32LittleEndian(raw, BinaryPrimitives.ReadUInt32LittleEndian(raw) & ~RingRecord.BusyBit);
        Put(position, raw);
    }

    public void WriteRawHeader(uint header)
    {
        Span<byte> raw = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(raw, header);
        Put(Producer, raw);
        Producer += 8;
    }

    void Put(ulong position, ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            var offset = (int)((position + (ulong)i) % (ulong)_size);
            _memory[16 + offset] = bytes[i];
            _memory[16 + _size + offset] = bytes[i];
        }
    }
}
