using Capture.Native.Files;
using Capture.Native.Processes;

namespace Capture.Native.Specs.Files;

public class LateMetadataSpecs
{
    [Fact]
    public void Process_list_between_events_is_raised_when_reading_reaches_it()
    {
        // SHB, one event, the fixture's process list, another event.
        var sample = CaptureBytes.Load("libs-sample-2023.scap");
        var events = sample.Blocks.Where(b => b.IsEvent).ToList();
        var processList = sample.Blocks.Single(b => b.Type == BlockType.ProcessListV9);
        byte[] bytes = [.. Slice(sample, sample.Blocks[0]), .. Slice(sample, events[0]), .. Slice(sample, processList), .. Slice(sample, events[1])];

        var raised = new List<ThreadEntry>();
        using var reader = ScapFileReader.Open(new MemoryStream(bytes), "late.scap", raised.Add);
        Assert.Empty(raised);
        Assert.True(reader.TryReadNext(out _, out _));
        Assert.Empty(raised);
        Assert.True(reader.TryReadNext(out _, out _));
        Assert.NotEmpty(raised);
        Assert.Equal(raised, reader.Threads);
        Assert.Contains(reader.Threads, t => t.Comm == "sysdig");
        Assert.False(reader.TryReadNext(out _, out _));
    }

    [Fact]
    public void Damaged_process_entry_is_an_error_after_the_entries_before_it()
    {
        var sample = CaptureBytes.Load("libs-sample-2023.scap");
        var processList = sample.Blocks.Single(b => b.Type == BlockType.ProcessListV9);
        var bytes = sample.Bytes.ToArray();
        using (var intact = ScapFileReader.Open(new MemoryStream(sample.Bytes), "intact.scap"))
        {
            // Make the third entry claim more bytes than its block has left.
            var at = (int)processList.Offset + 8;
            for (var entry = 0; entry < 2; entry++) at += BitConverter.ToInt32(bytes, at);
            BitConverter.TryWriteBytes(bytes.AsSpan(at), processList.Length * 2);

            var outcome = ReadOutcome.Of(bytes);
            Assert.Null(outcome.Fault);
            Assert.Equal(intact.Threads.Take(2).Select(t => (t.Tid, t.Comm)), outcome.Reader!.Threads.Select(t => (t.Tid, t.Comm)));
            var error = Assert.Single(outcome.Reader.Problems);
            Assert.Equal((ProblemSeverity.Error, (long)at + 4), (error.Severity, error.Offset));
            Assert.Contains("runs past the end of the block", error.Reason);
            Assert.DoesNotContain(outcome.Reader.MetadataBlocks, b => b.Type == BlockType.ProcessListV9);
        }
    }

    [Fact]
    public void V1_event_whose_lengths_fit_no_parameter_count_is_an_error_naming_it()
    {
        var curl = CaptureBytes.Load("libs-curl_google.scap");
        var bytes = curl.Bytes.ToArray();
        var events = curl.Blocks.Where(b => b.IsEvent).ToList();
        // An event whose block has padding, so its len can grow by one byte without touching the trailer.
        var index = events.FindIndex(b => b.End - 4 - (b.Offset + 10) > BitConverter.ToUInt32(bytes, (int)b.Offset + 10 + 16));
        Assert.True(index >= 0);
        var frame = (int)events[index].Offset + 10;
        var length = BitConverter.ToUInt32(bytes, frame + 16);
        // One byte more than the header, lengths and values account for, with any count.
        BitConverter.TryWriteBytes(bytes.AsSpan(frame + 16), length + 1);
        var all = ReadOutcome.Of(curl.Bytes).Timestamps;

        var outcome = ReadOutcome.Of(bytes);
        var error = Assert.Single(outcome.Reader!.Problems);
        Assert.Equal(frame, error.Offset);
        Assert.Contains("no parameter count", error.Reason);
        Assert.Equal(all.Where((_, i) => i != index), outcome.Timestamps);
    }

    static byte[] Slice(CaptureBytes capture, BlockSpan block) => capture.Bytes[(int)block.Offset..(int)block.End];
}
