using System.Buffers.Binary;
using Capture.Native.Specs.Formatting;

namespace Capture.Native.Specs;

/// <summary>
/// v2 event frames for specs from raw parameter values, in one call; the layout itself is
/// <see cref="FrameBuilder"/>'s.
/// </summary>
public static class Frames
{
    public static byte[] Build(ulong timestamp, ulong tid, ushort type, params byte[][] values) =>
        values.Aggregate(new FrameBuilder(type, timestamp, tid), (builder, value) => builder.Add(value)).Build();

    public static byte[] I64(long value) { var b = new byte[8]; BinaryPrimitives.WriteInt64LittleEndian(b, value); return b; }
    public static byte[] U32(uint value) { var b = new byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, value); return b; }
    public static byte[] U16(ushort value) { var b = new byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, value); return b; }
    public static byte[] Str(string value) => System.Text.Encoding.UTF8.GetBytes(value + "\0");
    public static byte[] Empty => [];
}
