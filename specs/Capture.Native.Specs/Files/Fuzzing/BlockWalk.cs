using System.Buffers.Binary;
using Capture.Native.Files;

namespace Capture.Native.Specs.Files.Fuzzing;

/// <summary>
/// The blocks of bytes that may already be damaged: walked by their leading lengths while
/// those stay inside the bytes. Never empty, so a step always has a block to aim at (with
/// nothing well framed, the whole input counts as one).
/// </summary>
public static class BlockWalk
{
    public static IReadOnlyList<BlockSpan> Of(byte[] bytes)
    {
        var blocks = new List<BlockSpan>();
        for (long offset = 0; offset + BlockFraming.Overhead <= bytes.Length;)
        {
            var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)offset + 4));
            if (length < BlockFraming.Overhead || offset + length > bytes.Length) break;
            blocks.Add(new BlockSpan(offset, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)offset)), (int)length));
            offset += length;
        }
        if (blocks.Count == 0) blocks.Add(new BlockSpan(0, 0, Math.Max(bytes.Length, BlockFraming.Overhead)));
        return blocks;
    }
}
