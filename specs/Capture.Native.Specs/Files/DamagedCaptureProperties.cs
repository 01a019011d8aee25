using System.Buffers.Binary;
using Capture.Native.Files;
using CsCheck;

namespace Capture.Native.Specs.Files;

/// <summary>
/// Real fixtures damaged at random. Whatever the damage, the reader may only stop with
/// <see cref="ScapFileException"/> (anything else escapes <see cref="ReadOutcome.Of"/> and fails
/// the property), must have delivered every event of the blocks before the damage, and must
/// name an offset at or after the damage.
/// </summary>
public class DamagedCaptureProperties
{
    public static TheoryData<string> Fixtures => new()
    {
        "libs-sample-2023.scap", "falco-run_as_user_0_container.scap", "libs-curl_google.scap", "libs-single_ipv6_conn.scap",
    };

    const long Iterations = 150;

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Truncation_anywhere_keeps_every_complete_event_and_names_the_cut_block(string fixture)
    {
        var capture = CaptureBytes.Load(fixture);
        var all = ReadOutcome.Of(capture.Bytes).Timestamps;
        Gen.Int[0, capture.Bytes.Length - 1].Sample(cut =>
        {
            var outcome = ReadOutcome.Of(capture.Bytes[..cut]);
            var cutBlock = capture.Blocks.First(b => b.End > cut);
            var atBoundary = cutBlock.Offset == cut && cut > 0;

            Assert.Equal(all.Take(capture.EventBlocksBefore(cut)), outcome.Timestamps);
            if (atBoundary) Assert.Null(outcome.Fault);
            else Assert.Equal(cutBlock.Offset, outcome.Fault!.Offset);
        }, iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Corrupt_block_length_is_typed_fault_after_every_earlier_event(string fixture)
    {
        var capture = CaptureBytes.Load(fixture);
        var all = ReadOutcome.Of(capture.Bytes).Timestamps;
        Gen.Select(Gen.Int[1, capture.Blocks.Count - 1], Gen.UInt).Sample((index, length) =>
        {
            var block = capture.Blocks[index];
            if (length == block.Length) return;
            var bytes = capture.Bytes.ToArray();
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((int)block.Offset + 4), length);

            var outcome = ReadOutcome.Of(bytes);
            var before = capture.EventBlocksBefore(block.Offset);
            Assert.Equal(all.Take(before), outcome.Timestamps.Take(before));
            Assert.True(outcome.Timestamps.Count <= before + 1);
            Assert.NotNull(outcome.Fault);
            Assert.InRange(outcome.Fault!.Offset, block.Offset, bytes.Length);
        }, iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Corrupt_trailer_is_a_fault_at_that_trailer(string fixture)
    {
        var capture = CaptureBytes.Load(fixture);
        var all = ReadOutcome.Of(capture.Bytes).Timestamps;
        Gen.Select(Gen.Int[1, capture.Blocks.Count - 1], Gen.UInt).Sample((index, trailer) =>
        {
            var block = capture.Blocks[index];
            if (trailer == block.Length) return;
            var bytes = capture.Bytes.ToArray();
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((int)block.End - 4), trailer);

            var outcome = ReadOutcome.Of(bytes);
            Assert.Equal(block.End - 4, outcome.Fault!.Offset);
            Assert.Equal(all.Take(capture.EventBlocksBefore(block.Offset)), outcome.Timestamps);
        }, iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Flipped_bytes_inside_an_event_block_never_escape_as_anything_but_a_typed_problem(string fixture)
    {
        var capture = CaptureBytes.Load(fixture);
        var all = ReadOutcome.Of(capture.Bytes).Timestamps;
        var events = capture.Blocks.Where(b => b.IsEvent).ToList();
        Gen.Select(Gen.Int[0, events.Count - 1], Gen.Int[0, 1 << 16], Gen.Byte[1, 255]).Sample((index, position, flip) =>
        {
            var block = events[index];
            // Inside the body: the cpu id, the event header, its lengths and values.
            var at = (int)block.Offset + 8 + position % (block.Length - 12);
            var bytes = capture.Bytes.ToArray();
            bytes[at] ^= flip;

            var outcome = ReadOutcome.Of(bytes);
            Assert.Null(outcome.Fault);
            Assert.Equal(all.Take(index), outcome.Timestamps.Take(index));
            Assert.InRange(outcome.Timestamps.Count, all.Count - 1, all.Count);
            Assert.All(outcome.Reader!.Problems, p => Assert.InRange(p.Offset, block.Offset, block.End));
        }, iter: Iterations);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Flipped_bytes_anywhere_keep_every_event_before_the_damaged_block(string fixture)
    {
        var capture = CaptureBytes.Load(fixture);
        var all = ReadOutcome.Of(capture.Bytes).Timestamps;
        Gen.Select(Gen.Int[0, capture.Bytes.Length - 1], Gen.Byte[1, 255]).Sample((at, flip) =>
        {
            var bytes = capture.Bytes.ToArray();
            bytes[at] ^= flip;
            var damaged = capture.Blocks.First(b => b.End > at);

            var outcome = ReadOutcome.Of(bytes);
            var before = capture.EventBlocksBefore(damaged.Offset);
            Assert.Equal(all.Take(before), outcome.Timestamps.Take(before));
            if (outcome.Fault is not null) Assert.InRange(outcome.Fault.Offset, damaged.Offset, bytes.Length);
            if (outcome.Reader is not null) Assert.All(outcome.Reader.Problems, p => Assert.InRange(p.Offset, damaged.Offset, bytes.Length));
        }, iter: Iterations);
    }
}
