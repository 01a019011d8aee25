using Capture.Native.Schema;

namespace Capture.Host.Specs.Commands;

public sealed class ListingSpecs
{
    [Fact]
    public void List_prints_every_filter_field_and_the_format_only_ones_with_their_meaning()
    {
        var result = CaptureProcess.Run("-l");
        Assert.Equal(0, result.ExitCode);
        foreach (var name in new[] { "evt.num", "evt.latency", "proc.cmdline", "user.name", "fd.sport", "evt.arg.NAME", "evt.time", "evt.info" })
            Assert.Contains(result.Lines, l => l.StartsWith(name + " ", StringComparison.Ordinal) && l.Length > 31);
    }

    [Fact]
    public void List_events_prints_one_line_per_event_of_the_schema_with_typed_parameters()
    {
        var result = CaptureProcess.Run("-L");
        Assert.Equal(0, result.ExitCode);
        var used = 0;
        foreach (var info in EventTable.All)
            if (info is not null && !info.IsUnused) used++;
        Assert.Equal(used, result.Lines.Length);
        Assert.Contains("< open(FD fd, FSPATH name, FLAGS32 flags, UINT32 mode, UINT32 dev, UINT64 ino)", result.Lines);
        Assert.Contains("> read(FD fd, UINT32 size)", result.Lines);
    }
}
