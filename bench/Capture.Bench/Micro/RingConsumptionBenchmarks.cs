using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Capture.Native.Rings;

namespace Capture.Bench.Micro;

/// <summary>
/// Draining a BPF ring laid out as the kernel lays one out (8-byte headers, aligned records,
/// the data area mirrored after itself), here in a pinned array: peek, read the record's
/// length, advance, publish once per pass. One operation is one record.
/// </summary>
public unsafe class RingConsumptionBenchmarks
{
    public const int Records = 16 * 1024;
    const int RingSize = 4 << 20;

    byte[] _memory = [];
    ulong _end;

    [Params(96, 192)]
    public int RecordBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _memory = GC.AllocateArray<byte>(16 + 2 * RingSize, pinned: true);
        var data = _memory.AsSpan(16);
        ulong position = 0;
        for (var i = 0; i < Records; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(data[(int)position..], (uint)RecordBytes);
            BinaryPrimitives.WriteUInt64LittleEndian(data[((int)position + RingRecord.HeaderSize)..], (ulong)i);
            position += RingRecord.TotalSize((uint)RecordBytes);
        }
        if (position > RingSize) throw new InvalidOperationException("records do not fit the ring");
        data[..RingSize].CopyTo(data[RingSize..]);
        _end = position;
    }

    byte* Base => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_memory));

    [Benchmark(OperationsPerInvoke = Records)]
    public ulong Drain()
    {
        *(ulong*)Base = 0;         // consumer position
        *(ulong*)(Base + 8) = _end; // producer position
        var consumer = new BpfRingConsumer(new RingMemory((ulong*)Base, (ulong*)(Base + 8), Base + 16, RingSize));
        ulong sum = 0;
        while (consumer.TryPeek(out var record) == RingPeek.Record)
        {
            sum += BinaryPrimitives.ReadUInt64LittleEndian(record);
            consumer.Advance();
        }
        consumer.Publish();
        return sum;
    }
}
