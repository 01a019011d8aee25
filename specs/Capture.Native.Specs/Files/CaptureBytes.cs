using System.Buffers.Binary;
using System.IO.Compression;
using Capture.Native.Files;

namespace Capture.Native.Specs.Files;

/// <summary>One block of a capture as the specs see it: where it starts, its type and length.</summary>
public readonly record struct BlockSpan(long Offset, uint Type, int Length)
{
    public long End => Offset + Length;
    public bool IsEvent => BlockType.IsEvent(Type);
}

/// <summary>The inflated bytes of a fixture and its block layout, for building damaged copies.</summary>
public sealed class CaptureBytes
{
    CaptureBytes(byte[] bytes)
    {
        Bytes = bytes;
        var blocks = new List<BlockSpan>();
        for (var offset = 0; offset < bytes.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
            blocks.Add(new BlockSpan(offset, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset)), length));
            offset += length;
        }
        Blocks = blocks;
    }

    public byte[] Bytes { get; }
    public IReadOnlyList<BlockSpan> Blocks { get; }

    public static CaptureBytes Load(string fixture) => Cache.GetOrAdd(fixture, f => new CaptureBytes(Inflate(File.ReadAllBytes(RepoPaths.Fixture(f)))));

    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CaptureBytes> Cache = new();

    public static byte[] Inflate(byte[] bytes)
    {
        if (bytes.Length < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b) return bytes;
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }

    /// <summary>How many event blocks end at or before <paramref name="offset"/>.</summary>
    public int EventBlocksBefore(long offset) => Blocks.Count(b => b.IsEvent && b.End <= offset);
}

/// <summary>What a reader delivered from a (possibly damaged) capture before it stopped.</summary>
public sealed record ReadOutcome(List<ulong> Timestamps, ScapFileException? Fault, ScapFileReader? Reader)
{
    /// <summary>Reads everything; only <see cref="ScapFileException"/> is caught, anything else fails the spec.</summary>
    public static ReadOutcome Of(byte[] bytes, string name = "mutated.scap")
    {
        var timestamps = new List<ulong>();
        ScapFileReader? reader = null;
        try
        {
            reader = ScapFileReader.Open(new MemoryStream(bytes, writable: false), name);
            while (reader.TryReadNext(out var ev, out _)) timestamps.Add(ev.Timestamp);
            return new ReadOutcome(timestamps, null, reader);
        }
        catch (ScapFileException e)
        {
            return new ReadOutcome(timestamps, e, reader);
        }
        finally
        {
            reader?.Dispose();
        }
    }
}
