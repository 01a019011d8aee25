using System.Buffers.Binary;
using Capture.Native.Abi;
using Capture.Native.Schema;

namespace Capture.Native.Specs.Files;

/// <summary>Builds v2 event frames for specs from raw parameter values.</summary>
public static class FrameBuilder
{
    public static byte[] Build(ulong timestamp, ulong tid, ushort type, params byte[][] values)
    {
        var width = EventTable.Find(type)?.HasLargePayload == true ? 4 : 2;
        var length = EventHeader.Size + values.Length * width + values.Sum(v => v.Length);
        var frame = new byte[length];
        new EventHeader { Timestamp = timestamp, ThreadId = tid, Length = (uint)length, Type = type, ParamCount = (uint)values.Length }.Write(frame);
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

    public static byte[] I64(long value) { var b = new byte[8]; BinaryPrimitives.WriteInt64LittleEndian(b, value); return b; }
    public static byte[] U32(uint value) { var b = new byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, value); return b; }
    public static byte[] Str(string value) => System.Text.Encoding.UTF8.GetBytes(value + "\0");
    public static byte[] Empty => [];
}
