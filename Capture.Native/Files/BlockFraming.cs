using System.Buffers.Binary;

namespace Capture.Native.Files;

/// <summary>The framing every block shares: type, total length, body, padding to 4, total length again.</summary>
internal static class BlockFraming
{
    public const int HeaderSize = 8;
    public const int TrailerSize = 4;
    public const int Overhead = HeaderSize + TrailerSize;

    /// <summary>Total block length for a body of <paramref name="bodyLength"/> bytes, padding included.</summary>
    public static int Length(int bodyLength) => Overhead + ((bodyLength + 3) & ~3);

    /// <summary>Writes header, zero padding and trailer around a body already placed at block[8..].</summary>
    public static void Frame(Span<byte> block, uint type, int bodyLength)
    {
        var length = block.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(block, type);
        BinaryPrimitives.WriteUInt32LittleEndian(block[4..], (uint)length);
        block[(HeaderSize + bodyLength)..(length - TrailerSize)].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(block[(length - TrailerSize)..], (uint)length);
    }

    /// <summary>Why <paramref name="block"/> is not one well-framed block, or null when it is.</summary>
    public static string? Check(ReadOnlySpan<byte> block)
    {
        if (block.Length < Overhead) return $"{block.Length} bytes is shorter than a block's header and trailer";
        var declared = BinaryPrimitives.ReadUInt32LittleEndian(block[4..]);
        if (declared != block.Length) return $"the block declares {declared} bytes but holds {block.Length}";
        if (declared % 4 != 0) return $"block length {declared} is not a multiple of 4";
        var trailer = BinaryPrimitives.ReadUInt32LittleEndian(block[^TrailerSize..]);
        return trailer == declared ? null : $"trailer {trailer} does not match the length {declared}";
    }
}
