using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Capture.Native.Abi;
using Capture.Native.Schema;

namespace Capture.Native.Events;

/// <summary>
/// A read-only view of one scap event over the bytes it lives in; nothing is copied.
/// Create it with <see cref="TryRead"/>, which checks every length once, so the accessors
/// below never run past the frame.
/// </summary>
public readonly ref struct EventView
{
    readonly ReadOnlySpan<byte> _frame;
    readonly int _lengthWidth;

    EventView(ReadOnlySpan<byte> frame, EventInfo info)
    {
        _frame = frame;
        Info = info;
        _lengthWidth = info.HasLargePayload ? 4 : 2;
    }

    public EventInfo Info { get; }

    /// <summary>The whole event, header included, exactly <see cref="Length"/> bytes.</summary>
    public ReadOnlySpan<byte> Frame => _frame;

    public ulong Timestamp => BinaryPrimitives.ReadUInt64LittleEndian(_frame);
    public ulong ThreadId => BinaryPrimitives.ReadUInt64LittleEndian(_frame[8..]);
    public uint Length => BinaryPrimitives.ReadUInt32LittleEndian(_frame[16..]);
    public ushort Type => BinaryPrimitives.ReadUInt16LittleEndian(_frame[20..]);
    public int ParamCount => (int)BinaryPrimitives.ReadUInt32LittleEndian(_frame[22..]);

    /// <summary>
    /// The raw value of parameter <paramref name="index"/>: empty when the driver sent it
    /// empty, and also when this event carries fewer parameters than the schema lists
    /// (older captures do).
    /// </summary>
    public ReadOnlySpan<byte> Param(int index)
    {
        if ((uint)index >= (uint)ParamCount) return default;
        var offset = EventHeader.Size + ParamCount * _lengthWidth;
        for (var i = 0; i < index; i++) offset += ParamLength(i);
        return _frame.Slice(offset, ParamLength(index));
    }

    int ParamLength(int i) => _lengthWidth == 2
        ? BinaryPrimitives.ReadUInt16LittleEndian(_frame[(EventHeader.Size + i * 2)..])
        : (int)BinaryPrimitives.ReadUInt32LittleEndian(_frame[(EventHeader.Size + i * 4)..]);

    /// <summary>
    /// A view of a frame that <see cref="TryRead"/> already accepted (one held in an
    /// <see cref="Batches.EventBatch"/>, which takes no other): its lengths are not summed again.
    /// </summary>
    internal static EventView OfAccepted(ReadOnlySpan<byte> frame) =>
        new(frame, EventTable.Find(BinaryPrimitives.ReadUInt16LittleEndian(frame[20..]))!);

    /// <summary>
    /// Checks that <paramref name="bytes"/> starts with a well-formed event and returns a
    /// view over exactly that event. On failure nothing is returned but the fault.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static FrameFault TryRead(ReadOnlySpan<byte> bytes, out EventView view)
    {
        view = default;
        if (bytes.Length < EventHeader.Size) return FrameFault.ShorterThanHeader;
        var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[16..]);
        if (length < EventHeader.Size) return FrameFault.LengthBelowHeader;
        if (length > (uint)bytes.Length) return FrameFault.LengthPastEnd;
        var info = EventTable.Find(BinaryPrimitives.ReadUInt16LittleEndian(bytes[20..]));
        if (info is null) return FrameFault.UnknownEventType;

        var frame = bytes[..(int)length];
        var width = info.HasLargePayload ? 4 : 2;
        var count = BinaryPrimitives.ReadUInt32LittleEndian(frame[22..]);
        var valuesStart = EventHeader.Size + (long)count * width;
        if (valuesStart > length) return FrameFault.ParamLengthsPastEnd;
        long total = 0;
        for (var i = 0; i < (int)count; i++)
            total += width == 2
                ? BinaryPrimitives.ReadUInt16LittleEndian(frame[(EventHeader.Size + i * 2)..])
                : BinaryPrimitives.ReadUInt32LittleEndian(frame[(EventHeader.Size + i * 4)..]);
        if (valuesStart + total > length) return FrameFault.ParamValuesPastEnd;

        view = new EventView(frame, info);
        return FrameFault.None;
    }
}
