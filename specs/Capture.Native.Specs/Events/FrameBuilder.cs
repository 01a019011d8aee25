using System.Buffers.Binary;
using Capture.Native.Abi;
using Capture.Native.Schema;

namespace Capture.Native.Specs.Events;

/// <summary>Builds well-formed scap frames for specs: header, length array, values.</summary>
public static class FrameBuilder
{
    public static byte[] Build(ushort type, ulong timestamp, ulong tid, params byte[][] values)
    {
        var width = EventTable.Find(type)?.HasLargePayload == true ? 4 : 2;
        var length = EventHeader.Size + values.Length * width + values.Sum(v => v.Length);
        var frame = new byte[length];
        new EventHeader { Timestamp = timestamp, ThreadId = tid, Length = (uint)length, Type = type, ParamCount = (uint)values.Length }.Write(frame);
        var offset = EventHeader.Size;
        foreach (var v in values)
        {
            if (width == 2) BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(offset), (ushort)v.Length);
            else BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(offset), (uint)v.Length);
            offset += width;
        }
        foreach (var v in values)
        {
            v.CopyTo(frame, offset);
            offset += v.Length;
        }
        return frame;
    }

    public static byte[] I64(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    public static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    public static byte[] Str(string value) => [.. System.Text.Encoding.UTF8.GetBytes(value), 0];
}
