using System.Buffers.Binary;
using System.Text;

namespace Capture.Native.Files;

/// <summary>
/// Reads the fields of one block body front to back. Every read checks the bounds, and an
/// overrun raises <see cref="ScapFileException"/> naming the absolute offset of the field, so
/// the list parsers never index past a body however its lengths are corrupted. It is the only
/// way a block parser sees its body: a count from the file, negative or huge, meets the same
/// check whether it is a field, a skip or the end of a sized entry.
/// </summary>
internal ref struct BodyCursor(ReadOnlySpan<byte> body, string path, long bodyOffset)
{
    readonly ReadOnlySpan<byte> _body = body;
    int _position;

    public readonly int Position => _position;
    public readonly int Remaining => _body.Length - _position;
    public readonly long Offset => bodyOffset + _position;

    public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, "u64"));
    public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "u32"));
    public ushort U16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, "u16"));
    public byte U8() => Take(1, "u8")[0];

    /// <summary>A u16 length, then that many bytes.</summary>
    public ReadOnlySpan<byte> LengthPrefixed(string field)
    {
        var length = U16();
        return Take(length, field);
    }

    /// <summary>A length-prefixed string as libscap writes it: usually without a NUL, sometimes with one.</summary>
    public string String(string field) => Decode(LengthPrefixed(field));

    public ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count < 0)
            throw Fault($"{field} has a negative length {count}");
        if (count > Remaining)
            throw Fault($"{field} needs {count} bytes but only {Remaining} remain in the block");
        var slice = _body.Slice(_position, count);
        _position += count;
        return slice;
    }

    public void Skip(int count, string field) => Take(count, field);

    /// <summary>
    /// Moves to the end of an entry that started at <paramref name="entryStart"/> with its own
    /// u32 length (the length field counted in), skipping fields newer than this reader. A
    /// length shorter than the fields already read, or running past the body, is a fault.
    /// </summary>
    public void SkipToEntryEnd(int entryStart, uint entryLength, string entry)
    {
        var read = _position - entryStart;
        if (entryLength < read)
            throw Fault($"{entry} declares {entryLength} bytes but its fields take {read}");
        if (entryLength - read > Remaining)
            throw Fault($"{entry} declares {entryLength} bytes, {entryLength - read - Remaining} more than the block holds");
        _position += (int)(entryLength - read);
    }

    /// <summary>Bytes already read, by position within the body.</summary>
    public readonly ReadOnlySpan<byte> Slice(int start, int length) => _body.Slice(start, length);

    public readonly ScapFileException Fault(string reason) => new(path, Offset, reason);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }
}
