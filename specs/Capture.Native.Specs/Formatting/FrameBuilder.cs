using System.Buffers.Binary;
using System.Text;
using Capture.Native.Abi;
using Capture.Native.Events;
using Capture.Native.Schema;

namespace Capture.Native.Specs.Formatting;

/// <summary>
/// Builds one v2 scap frame by hand: header, length array (u16, or u32 for large-payload
/// events), then the values in the order they are added.
/// </summary>
public sealed class FrameBuilder(ushort type, ulong timestamp = 1_534_527_348_514_648_551, ulong tid = 17497)
{
    readonly List<byte[]> _values = [];

    public FrameBuilder I64(long value) => Add(BitConverter.GetBytes(value));
    public FrameBuilder U64(ulong value) => Add(BitConverter.GetBytes(value));
    public FrameBuilder I32(int value) => Add(BitConverter.GetBytes(value));
    public FrameBuilder U32(uint value) => Add(BitConverter.GetBytes(value));
    public FrameBuilder U16(ushort value) => Add(BitConverter.GetBytes(value));
    public FrameBuilder I16(short value) => Add(BitConverter.GetBytes(value));
    public FrameBuilder U8(byte value) => Add([value]);

    /// <summary>A string with its terminating NUL, as drivers send it.</summary>
    public FrameBuilder Str(string value) => Add([.. Encoding.UTF8.GetBytes(value), 0]);

    public FrameBuilder Empty() => Add([]);

    public FrameBuilder Add(params byte[] value)
    {
        _values.Add(value);
        return this;
    }

    public byte[] Build()
    {
        // Unknown ids are built too, for specs of readers that must refuse them.
        var width = EventTable.Find(type)?.HasLargePayload == true ? 4 : 2;
        var length = EventHeader.Size + _values.Count * width + _values.Sum(v => v.Length);
        var frame = new byte[length];
        new EventHeader
        {
            Timestamp = timestamp,
            ThreadId = tid,
            Length = (uint)length,
            Type = type,
            ParamCount = (uint)_values.Count,
        }.Write(frame);
        var at = EventHeader.Size;
        foreach (var value in _values)
        {
            if (width == 2) BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(at), (ushort)value.Length);
            else BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(at), (uint)value.Length);
            at += width;
        }
        foreach (var value in _values)
        {
            value.CopyTo(frame, at);
            at += value.Length;
        }
        return frame;
    }

    /// <summary>A validated view over a built frame; throws when the builder made a bad one.</summary>
    public static EventView View(byte[] frame)
    {
        var fault = EventView.TryRead(frame, out var view);
        if (fault != FrameFault.None) throw new InvalidOperationException(fault.Describe());
        return view;
    }
}
