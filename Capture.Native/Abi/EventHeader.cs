using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Capture.Native.Abi;

/// <summary>
/// The packed 26-byte header in front of every scap event, in the ring and in files alike.
/// Mirrors <c>struct ppm_evt_hdr</c> in driver/abi; a spec checks the sizes agree.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct EventHeader
{
    public const int Size = 26;

    /// <summary>The v1 header of old capture files: the same without <see cref="ParamCount"/>.</summary>
    public const int SizeV1 = 22;

    /// <summary>Nanoseconds since the Unix epoch.</summary>
    public ulong Timestamp;
    public ulong ThreadId;
    /// <summary>Total length of the event, header included.</summary>
    public uint Length;
    public ushort Type;
    public uint ParamCount;

    public static EventHeader Read(ReadOnlySpan<byte> frame) => new()
    {
        Timestamp = BinaryPrimitives.ReadUInt64LittleEndian(frame),
        ThreadId = BinaryPrimitives.ReadUInt64LittleEndian(frame[8..]),
        Length = BinaryPrimitives.ReadUInt32LittleEndian(frame[16..]),
        Type = BinaryPrimitives.ReadUInt16LittleEndian(frame[20..]),
        ParamCount = BinaryPrimitives.ReadUInt32LittleEndian(frame[22..]),
    };

    public readonly void Write(Span<byte> frame)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(frame, Timestamp);
        BinaryPrimitives.WriteUInt64LittleEndian(frame[8..], ThreadId);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[16..], Length);
        BinaryPrimitives.WriteUInt16LittleEndian(frame[20..], Type);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[22..], ParamCount);
    }
}
