using System.Buffers.Binary;
using Capture.Native.Files;

namespace Capture.Native.Specs.Files.Fuzzing;

/// <summary>
/// One kind of damage done to a capture's bytes. Positions are fractions of what is there
/// when the step runs, so steps compose whatever the earlier ones did to the length.
/// <see cref="Apply"/> returns the damaged copy and the first offset it changed: every byte
/// before that offset is still the original.
/// </summary>
public abstract record MutationStep
{
    public abstract byte[] Apply(byte[] bytes, out long firstChanged);

    static int At(double fraction, int length) => Math.Min(length - 1, (int)(fraction * length));

    /// <summary>A bit flipped anywhere.</summary>
    public sealed record FlipBits(double Where, byte Mask) : MutationStep
    {
        public override byte[] Apply(byte[] bytes, out long firstChanged)
        {
            var copy = bytes.ToArray();
            var at = At(Where, copy.Length);
            copy[at] ^= Mask;
            firstChanged = at;
            return copy;
        }
    }

    /// <summary>A block's total length (at its start or in its trailer) set to another value, huge or tiny.</summary>
    public sealed record SetBlockLength(double Which, bool Trailer, uint Length) : MutationStep
    {
        public override byte[] Apply(byte[] bytes, out long firstChanged)
        {
            var blocks = BlockWalk.Of(bytes);
            var block = blocks[At(Which, blocks.Count)];
            var at = (int)(Trailer ? block.End - 4 : block.Offset + 4);
            return Write(bytes, at, 4, Length, out firstChanged);
        }
    }

    /// <summary>A u16 or u32 inside a block body (an event len, a parameter, entry or string length) set huge or tiny.</summary>
    public sealed record SetFieldInBody(double Which, double Where, int Width, uint Value) : MutationStep
    {
        public override byte[] Apply(byte[] bytes, out long firstChanged)
        {
            var blocks = BlockWalk.Of(bytes);
            var block = blocks[At(Which, blocks.Count)];
            var bodyLength = block.Length - BlockFraming.Overhead - Width;
            if (bodyLength <= 0) return Write(bytes, (int)block.Offset + 4, 4, Value, out firstChanged);
            return Write(bytes, (int)block.Offset + BlockFraming.HeaderSize + At(Where, bodyLength), Width, Value, out firstChanged);
        }
    }

    /// <summary>A block's type replaced by another block type (or any number).</summary>
    public sealed record SwapBlockType(double Which, uint Type) : MutationStep
    {
        public override byte[] Apply(byte[] bytes, out long firstChanged)
        {
            var blocks = BlockWalk.Of(bytes);
            return Write(bytes, (int)blocks[At(Which, blocks.Count)].Offset, 4, Type, out firstChanged);
        }
    }

    /// <summary>The file cut short, as by a writer killed mid-block.</summary>
    public sealed record Truncate(double Where) : MutationStep
    {
        public override byte[] Apply(byte[] bytes, out long firstChanged)
        {
            var at = At(Where, bytes.Length);
            firstChanged = at;
            return bytes[..at];
        }
    }

    /// <summary>A range copied again at another place.</summary>
    public sealed record DuplicateRange(double From, double Span, double To) : MutationStep
    {
        public override byte[] Apply(byte[] bytes, out long firstChanged)
        {
            var start = At(From, bytes.Length);
            var length = Math.Max(1, (int)(Span * (bytes.Length - start)));
            var to = At(To, bytes.Length);
            firstChanged = to;
            return [.. bytes[..to], .. bytes.AsSpan(start, length), .. bytes[to..]];
        }
    }

    /// <summary>A range taken out.</summary>
    public sealed record DeleteRange(double From, double Span) : MutationStep
    {
        public override byte[] Apply(byte[] bytes, out long firstChanged)
        {
            var start = At(From, bytes.Length);
            var length = Math.Max(1, (int)(Span * (bytes.Length - start)));
            firstChanged = start;
            return [.. bytes[..start], .. bytes[(start + length)..]];
        }
    }

    /// <summary>Another file's bytes appended: two captures (or two gzip members) back to back.</summary>
    public sealed record Concatenate(string Fixture, bool Compressed) : MutationStep
    {
        public override byte[] Apply(byte[] bytes, out long firstChanged)
        {
            firstChanged = bytes.Length;
            return [.. bytes, .. Compressed ? File.ReadAllBytes(RepoPaths.Fixture(Fixture)) : CaptureBytes.Load(Fixture).Bytes];
        }
    }

    static byte[] Write(byte[] bytes, int at, int width, uint value, out long firstChanged)
    {
        var copy = bytes.ToArray();
        at = Math.Min(at, copy.Length - width);
        if (width == 2) BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(at), (ushort)value);
        else BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at), value);
        firstChanged = at;
        return copy;
    }
}
