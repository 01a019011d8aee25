using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Capture.Native.Events;

namespace Capture.Native.Processes;

/// <summary>
/// An event's arguments found through a generated slot table (<c>ParamSlots.Fd</c>), because the
/// same argument sits at different positions in the successive versions of an event
/// (clone_11 … clone_20): one table lookup per argument, no parameter names compared. An
/// argument the event does not have, or that an older file left out (fewer parameters than
/// the schema lists), reads as empty.
/// </summary>
internal static class EventParams
{
    public static int IndexOf(in EventView ev, ReadOnlySpan<sbyte> slots)
    {
        var index = ev.Type < slots.Length ? slots[ev.Type] : -1;
        return index < ev.ParamCount ? index : -1;
    }

    public static ReadOnlySpan<byte> Bytes(in EventView ev, ReadOnlySpan<sbyte> slots)
    {
        var index = IndexOf(ev, slots);
        return index < 0 ? default : ev.Param(index);
    }

    /// <summary>Where a parameter's value sits inside the event's frame; (0, 0) when absent or empty.</summary>
    public static (int Offset, int Length) Locate(in EventView ev, ReadOnlySpan<sbyte> slots)
    {
        var value = Bytes(ev, slots);
        if (value.IsEmpty) return (0, 0);
        var offset = (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(ev.Frame), ref MemoryMarshal.GetReference(value));
        return (offset, value.Length);
    }

    /// <summary>A signed value of 8 bytes (res, fd, pid) or 4 bytes (fd32, pid32).</summary>
    public static bool TryInt64(in EventView ev, ReadOnlySpan<sbyte> slots, out long value) =>
        TryInt64(Bytes(ev, slots), out value);

    public static bool TryInt64(ReadOnlySpan<byte> bytes, out long value)
    {
        value = bytes.Length switch
        {
            8 => BinaryPrimitives.ReadInt64LittleEndian(bytes),
            4 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
            _ => 0,
        };
        return bytes.Length is 8 or 4;
    }

    public static bool TryUInt32(in EventView ev, ReadOnlySpan<sbyte> slots, out uint value)
    {
        var bytes = Bytes(ev, slots);
        value = bytes.Length switch
        {
            4 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            1 => bytes[0],
            _ => 0,
        };
        return bytes.Length is 4 or 2 or 1;
    }

    /// <summary>A string value up to its NUL.</summary>
    public static ReadOnlySpan<byte> CString(in EventView ev, ReadOnlySpan<sbyte> slots) => UpToNul(Bytes(ev, slots));

    public static ReadOnlySpan<byte> UpToNul(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        return end < 0 ? bytes : bytes[..end];
    }
}
