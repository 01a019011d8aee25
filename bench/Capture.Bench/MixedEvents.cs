using System.Buffers.Binary;
using System.Text;
using Capture.Native.Abi;
using Capture.Native.Schema;

namespace Capture.Bench;

/// <summary>
/// A stream of events shaped like a busy machine's: reads and writes with 80-byte data
/// (libs' default snap length), opens with a path, closes and scheduler switches, in
/// current-schema layouts. Frames are built once and only their timestamp and tid change.
/// </summary>
internal sealed class MixedEvents
{
    readonly byte[][] _templates =
    [
        Template(EventIds.PPME_SYSCALL_READ_X),
        Template(EventIds.PPME_SYSCALL_WRITE_X),
        Template(EventIds.PPME_SYSCALL_READ_X),
        Template(EventIds.PPME_SYSCALL_OPENAT_2_X),
        Template(EventIds.PPME_SYSCALL_CLOSE_X),
        Template(EventIds.PPME_SCHEDSWITCH_6_E),
        Template(EventIds.PPME_SYSCALL_FUTEX_X),
    ];

    /// <summary>The i-th event of the stream; valid until the next call with the same template.</summary>
    public ReadOnlySpan<byte> Next(long i, ulong timestamp)
    {
        var frame = _templates[i % _templates.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(frame, timestamp);
        BinaryPrimitives.WriteUInt64LittleEndian(frame.AsSpan(8), (ulong)(1000 + i % 64));
        return frame;
    }

    static byte[] Template(ushort type)
    {
        var info = EventTable.Find(type)!;
        var values = info.Params.Select(p => Sample(p.Type)).ToArray();
        var width = info.HasLargePayload ? 4 : 2;
        var length = EventHeader.Size + values.Length * width + values.Sum(v => v.Length);
        var frame = new byte[length];
        new EventHeader { Length = (uint)length, Type = type, ParamCount = (uint)values.Length }.Write(frame);
        var at = EventHeader.Size + values.Length * width;
        for (var i = 0; i < values.Length; i++)
        {
            if (width == 2) BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(EventHeader.Size + 2 * i), (ushort)values[i].Length);
            else BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(EventHeader.Size + 4 * i), (uint)values[i].Length);
            values[i].CopyTo(frame, at);
            at += values[i].Length;
        }
        return frame;
    }

    static byte[] Sample(ParamType type) => type switch
    {
        ParamType.CHARBUF or ParamType.FSPATH or ParamType.FSRELPATH => Encoding.UTF8.GetBytes("/usr/lib/x86_64-linux-gnu/libc.so.6\0"),
        ParamType.BYTEBUF => new byte[80],
        ParamType.SOCKADDR => new byte[7],
        ParamType.SOCKTUPLE => new byte[13],
        ParamType.CHARBUFARRAY or ParamType.CHARBUF_PAIR_ARRAY => Encoding.UTF8.GetBytes("a\0b\0"),
        ParamType.INT8 or ParamType.UINT8 or ParamType.SIGTYPE or ParamType.L4PROTO or ParamType.SOCKFAMILY or ParamType.FLAGS8 or ParamType.ENUMFLAGS8 => new byte[1],
        ParamType.INT16 or ParamType.UINT16 or ParamType.SYSCALLID or ParamType.PORT or ParamType.FLAGS16 or ParamType.ENUMFLAGS16 => new byte[2],
        ParamType.INT64 or ParamType.UINT64 or ParamType.ERRNO or ParamType.FD or ParamType.PID or ParamType.RELTIME or ParamType.ABSTIME or ParamType.DOUBLE => new byte[8],
        _ => new byte[4],
    };
}
