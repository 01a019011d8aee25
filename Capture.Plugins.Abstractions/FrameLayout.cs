using System.Buffers.Binary;

namespace Capture.Plugins;

/// <summary>
/// The scap frame header, packed, little-endian: ts u64, tid u64, len u32, type u16,
/// nparams u32 (26 bytes); then nparams lengths, u16 each or u32 for large-payload types,
/// then the values back to back. The host validated every frame before lending it, so these
/// reads stay inside it.
/// </summary>
static class FrameLayout
{
    public const int HeaderSize = 26;

    public static ulong Timestamp(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt64LittleEndian(frame);

    public static ulong ThreadId(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt64LittleEndian(frame[8..]);

    public static ushort Type(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadUInt16LittleEndian(frame[20..]);

    public static int ParamCount(ReadOnlySpan<byte> frame) => (int)BinaryPrimitives.ReadUInt32LittleEndian(frame[22..]);

    /// <summary>The value of parameter <paramref name="index"/>; empty when it is empty or beyond the event's parameters.</summary>
    public static ReadOnlySpan<byte> Param(ReadOnlySpan<byte> frame, int index, bool largePayload)
    {
        var count = ParamCount(frame);
        if ((uint)index >= (uint)count) return default;
        var width = largePayload ? 4 : 2;
        var offset = HeaderSize + count * width;
        for (var i = 0; i < index; i++) offset += ParamLength(frame, i, width);
        return frame.Slice(offset, ParamLength(frame, index, width));
    }

    static int ParamLength(ReadOnlySpan<byte> frame, int index, int width) => width == 2
        ? BinaryPrimitives.ReadUInt16LittleEndian(frame[(HeaderSize + index * 2)..])
        : (int)BinaryPrimitives.ReadUInt32LittleEndian(frame[(HeaderSize + index * 4)..]);
}
