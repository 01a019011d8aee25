using System.Buffers.Binary;
using Capture.Native.Abi;
using Capture.Native.Schema;

namespace Capture.Native.Files;

/// <summary>
/// Turns a v1 event (22-byte header, no nparams) into the v2 frame everything downstream
/// reads, by inserting the nparams field that v1 left out.
/// </summary>
internal static class LegacyEventUpgrade
{
    /// <summary>
    /// Old writers stored a len 3 bytes too long for these two ids; libscap corrects it the
    /// same way, otherwise no parameter count fits.
    /// </summary>
    const int OverstatedLength = 3;

    /// <summary>
    /// Writes the v2 frame of <paramref name="v1"/> into <paramref name="target"/> (which must
    /// hold v1.Length + 4 bytes) and returns its length, or a reason why no count fits.
    /// </summary>
    public static int Upgrade(ReadOnlySpan<byte> v1, Span<byte> target, out string? fault)
    {
        fault = null;
        if (v1.Length < EventHeader.SizeV1)
        {
            fault = $"{v1.Length} bytes left in the block, fewer than a v1 event header ({EventHeader.SizeV1})";
            return 0;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(v1[16..]);
        var type = BinaryPrimitives.ReadUInt16LittleEndian(v1[20..]);
        if (type is EventIds.PPME_NOTIFICATION_E or EventIds.PPME_INFRASTRUCTURE_EVENT_E && length >= EventHeader.SizeV1 + OverstatedLength)
            length -= OverstatedLength;
        if (length < EventHeader.SizeV1)
        {
            fault = $"v1 event len {length} is shorter than its {EventHeader.SizeV1}-byte header";
            return 0;
        }
        if (length > (uint)v1.Length)
        {
            fault = $"v1 event len {length} runs past the {v1.Length} bytes left in its block";
            return 0;
        }

        var count = ParamCount(v1[..(int)length]);
        if (count < 0)
        {
            fault = $"v1 event of type {type} with len {length}: no parameter count makes the lengths add up to len";
            return 0;
        }

        v1[..EventHeader.SizeV1].CopyTo(target);
        BinaryPrimitives.WriteUInt32LittleEndian(target[16..], length + 4);
        BinaryPrimitives.WriteUInt32LittleEndian(target[EventHeader.SizeV1..], (uint)count);
        v1[EventHeader.SizeV1..(int)length].CopyTo(target[EventHeader.Size..]);
        return (int)length + 4;
    }

    /// <summary>
    /// The n for which header + n u16 lengths + the first n values fill the event exactly.
    /// That total grows strictly with n (each step adds 2 bytes and a non-negative value), so
    /// at most one n fits and a single pass finds it; the schema's count is the usual answer.
    /// </summary>
    static int ParamCount(ReadOnlySpan<byte> v1)
    {
        long total = EventHeader.SizeV1;
        for (var n = 0; ; n++)
        {
            if (total == v1.Length) return n;
            var lengthAt = EventHeader.SizeV1 + 2 * n;
            if (total > v1.Length || lengthAt + 2 > v1.Length) return -1;
            total += 2 + BinaryPrimitives.ReadUInt16LittleEndian(v1[lengthAt..]);
        }
    }
}
