using System.Buffers.Binary;
using System.IO.Compression;
using Capture.Native.Abi;
using Capture.Native.Files;

namespace Capture.Native.Specs.Files;

public class DamagedCaptureSpecs
{
    const string Fixture = "libs-sample-2023.scap";
    static CaptureBytes Sample => CaptureBytes.Load(Fixture);
    static List<ulong> AllTimestamps => ReadOutcome.Of(Sample.Bytes).Timestamps;

    [Fact]
    public void Truncated_file_names_the_cut_block_and_keeps_every_event_before_it()
    {
        var cut = Sample.Blocks.Where(b => b.IsEvent).ElementAt(300);
        var outcome = ReadOutcome.Of(Sample.Bytes[..(int)(cut.Offset + cut.Length / 2)]);

        Assert.NotNull(outcome.Fault);
        Assert.Equal(cut.Offset, outcome.Fault!.Offset);
        Assert.Contains("truncated", outcome.Fault.Reason);
        Assert.Equal("mutated.scap", outcome.Fault.Path);
        Assert.Equal(AllTimestamps.Take(300), outcome.Timestamps);
    }

    [Fact]
    public void Block_length_that_is_not_a_multiple_of_4_is_a_fault_at_that_block()
    {
        var bytes = Sample.Bytes.ToArray();
        var block = Sample.Blocks.Where(b => b.IsEvent).ElementAt(10);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((int)block.Offset + 4), (uint)block.Length + 2);

        var outcome = ReadOutcome.Of(bytes);
        Assert.Equal(block.Offset, outcome.Fault!.Offset);
        Assert.Contains("not a multiple of 4", outcome.Fault.Reason);
        Assert.Equal(AllTimestamps.Take(10), outcome.Timestamps);
    }

    [Fact]
    public void Trailer_that_disagrees_with_the_leading_length_is_a_fault_at_the_trailer()
    {
        var bytes = Sample.Bytes.ToArray();
        var block = Sample.Blocks.Where(b => b.IsEvent).ElementAt(20);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((int)block.End - 4), 4096);

        var outcome = ReadOutcome.Of(bytes);
        Assert.Equal(block.End - 4, outcome.Fault!.Offset);
        Assert.Contains("trailer 4096 does not match", outcome.Fault.Reason);
        Assert.Equal(AllTimestamps.Take(20), outcome.Timestamps);
    }

    [Fact]
    public void Event_len_below_its_header_is_an_error_and_reading_goes_on()
    {
        var bytes = Sample.Bytes.ToArray();
        var block = Sample.Blocks.Where(b => b.IsEvent).ElementAt(5);
        var frame = (int)block.Offset + 8 + 2;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(frame + 16), 12);

        var outcome = ReadOutcome.Of(bytes);
        Assert.Null(outcome.Fault);
        var problem = Assert.Single(outcome.Reader!.Problems);
        Assert.Equal((ProblemSeverity.Error, (long)frame), (problem.Severity, problem.Offset));
        Assert.Contains("shorter than its header", problem.Reason);
        Assert.Equal(1, outcome.Reader.Errors);
        Assert.Equal(AllTimestamps.Where((_, i) => i != 5), outcome.Timestamps);
    }

    [Fact]
    public void Parameter_lengths_that_overrun_the_event_are_an_error_naming_the_event()
    {
        var bytes = Sample.Bytes.ToArray();
        var block = Sample.Blocks.Where(b => b.IsEvent).ElementAt(7);
        var frame = (int)block.Offset + 8 + 2;
        Assert.True(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(frame + 22)) > 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(frame + EventHeader.Size), 60000);

        var outcome = ReadOutcome.Of(bytes);
        var problem = Assert.Single(outcome.Reader!.Problems);
        Assert.Equal(frame, problem.Offset);
        Assert.Contains("parameter lengths overrun", problem.Reason);
        Assert.Equal(AllTimestamps.Count - 1, outcome.Timestamps.Count);
    }

    [Fact]
    public void Unknown_event_id_is_skipped_with_one_warning()
    {
        var bytes = Sample.Bytes.ToArray();
        var events = Sample.Blocks.Where(b => b.IsEvent).ToList();
        foreach (var i in new[] { 3, 4 })
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan((int)events[i].Offset + 8 + 2 + 20), 9999);

        var outcome = ReadOutcome.Of(bytes);
        Assert.Null(outcome.Fault);
        var warning = Assert.Single(outcome.Reader!.Problems);
        Assert.Equal((ProblemSeverity.Warning, events[3].Offset + 10), (warning.Severity, warning.Offset));
        Assert.Contains("event id 9999", warning.Reason);
        Assert.Equal(2, outcome.Reader.EventsSkipped);
        Assert.Equal(AllTimestamps.Count - 2, outcome.Timestamps.Count);
    }

    [Fact]
    public void Unknown_block_type_is_skipped_with_a_warning()
    {
        var bytes = Sample.Bytes.ToArray();
        var block = Sample.Blocks.Where(b => b.IsEvent).ElementAt(2);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((int)block.Offset), 0x7777);

        var outcome = ReadOutcome.Of(bytes);
        Assert.Null(outcome.Fault);
        var warning = Assert.Single(outcome.Reader!.Problems);
        Assert.Equal((ProblemSeverity.Warning, block.Offset), (warning.Severity, warning.Offset));
        Assert.Contains("unknown block type 0x7777", warning.Reason);
        Assert.Equal(AllTimestamps.Count - 1, outcome.Timestamps.Count);
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0 }, "not a scap capture")]
    [InlineData(new byte[] { 0x0A, 0x0D, 0x0D, 0x0A, 28, 0, 0 }, "ends inside a block header")]
    public void Non_scap_input_is_refused_at_byte_0(byte[] bytes, string reason)
    {
        var outcome = ReadOutcome.Of(bytes);
        Assert.Equal(0, outcome.Fault!.Offset);
        Assert.Contains(reason, outcome.Fault.Reason);
        Assert.Empty(outcome.Timestamps);
    }

    [Fact]
    public void Text_file_is_refused_as_not_a_capture()
    {
        var outcome = ReadOutcome.Of("hello, this is not a capture\n"u8.ToArray());
        Assert.Contains("not a scap capture", outcome.Fault!.Reason);
    }

    [Fact]
    public void Truncated_gzip_capture_keeps_the_events_it_could_inflate()
    {
        var gzipped = File.ReadAllBytes(RepoPaths.Fixture("libs-curl_google.scap"));
        var outcome = ReadOutcome.Of(gzipped[..(gzipped.Length / 2)]);

        var inflated = CaptureBytes.Load("libs-curl_google.scap");
        Assert.NotNull(outcome.Fault);
        Assert.NotEmpty(outcome.Timestamps);
        Assert.Equal(inflated.EventBlocksBefore(outcome.Fault!.Offset), outcome.Timestamps.Count);
    }
}
