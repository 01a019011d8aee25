using System.Buffers.Binary;
using Capture.Native.Abi;

namespace Capture.Actors.Drivers.Simulated;

/// <summary>
/// Writes one scap event in place: header, the u16 length array, then the values in table
/// order. Parameters must be added in schema order and exactly as many as announced;
/// <see cref="Finish"/> fills in the total length. Nothing is allocated.
/// </summary>
ref struct ScapFrameWriter
{
    readonly Span<byte> _frame;
    readonly int _paramCount;
    int _param;
    int _valueEnd;

    public ScapFrameWriter(Span<byte> frame, ulong timestamp, ulong threadId, ushort type, int paramCount)
    {
        _frame = frame;
        _paramCount = paramCount;
        new EventHeader { Timestamp = timestamp, ThreadId = threadId, Type = type, ParamCount = (uint)paramCount }.Write(frame);
        _valueEnd = EventHeader.Size + paramCount * sizeof(ushort);
    }

    public void Int64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Next(8), value);

    public void UInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Next(8), value);

    public void UInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Next(4), value);

    public void Bytes(ReadOnlySpan<byte> value) => value.CopyTo(Next(value.Length));

    /// <summary>A string value; the terminating NUL the format requires is added here.</summary>
    public void String(ReadOnlySpan<byte> utf8)
    {
        var target = Next(utf8.Length + 1);
        utf8.CopyTo(target);
        target[^1] = 0;
    }

    Span<byte> Next(int length)
    {
        if (_param == _paramCount) throw new InvalidOperationException($"more than the {_paramCount} announced parameters");
        BinaryPrimitives.WriteUInt16LittleEndian(_frame[(EventHeader.Size + _param * 2)..], (ushort)length);
        _param++;
        var value = _frame.Slice(_valueEnd, length);
        _valueEnd += length;
        return value;
    }

    /// <summary>Writes the total length and returns it.</summary>
    public int Finish()
    {
        if (_param != _paramCount) throw new InvalidOperationException($"{_param} of {_paramCount} parameters written");
        BinaryPrimitives.WriteUInt32LittleEndian(_frame[16..], (uint)_valueEnd);
        return _valueEnd;
    }
}
