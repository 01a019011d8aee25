using Capture.Native.Filtering;
using Capture.Native.Formatting;
using Capture.Native.Specs.Formatting;
using Capture.Native.Text;

namespace Capture.Native.Specs.Filtering;

public sealed class EventFormatSpecs
{
    /// <summary>The lines a format gives for the events of a fixture, the thread table kept as for printing.</summary>
    static List<string> Lines(string format, int count = int.MaxValue)
    {
        var capture = FixtureCapture.Load(RepoPaths.Fixture("libs-curl_google.scap"));
        var parsed = EventFormat.Parse(format, capture.Threads, new EventFormatter(capture.Threads, capture.Accounts, TimeSpan.Zero));
        var lines = new List<string>();
        var buffer = new Utf8Buffer(256);
        ulong number = 0;
        foreach (var (cpu, frame) in capture.Events)
        {
            var ev = FrameBuilder.View(frame);
            capture.Threads.Observe(ev);
            buffer.Clear();
            buffer.Append("kept:"u8);
            if (parsed.TryWrite(buffer, ev, ++number, cpu)) lines.Add(System.Text.Encoding.UTF8.GetString(buffer.Written));
            else Assert.Equal("kept:", System.Text.Encoding.UTF8.GetString(buffer.Written)); // nothing half-written
            if (lines.Count == count) break;
        }
        return lines;
    }

    [Fact]
    public void An_event_with_a_field_that_has_no_value_is_left_out_unless_the_format_starts_with_a_star()
    {
        var strict = Lines("%evt.num %fd.name");
        var all = Lines("*%evt.num %fd.name");
        Assert.NotEmpty(strict);
        Assert.True(all.Count > strict.Count);
        Assert.Contains(all, l => l.EndsWith(" <NA>"));
        Assert.All(strict, l => Assert.DoesNotContain("<NA>", l));
        Assert.Equal(strict, all.Where(l => !l.Contains("<NA>")));
    }

    [Fact]
    public void Text_around_fields_is_kept_as_written_and_a_name_does_not_take_a_trailing_dot()
    {
        Assert.Equal("kept:[1] 100% systemd. evt.cpu=0", Lines("[%evt.num] 100% %proc.name. evt.cpu=%evt.cpu", 1)[0]);
    }

    [Fact]
    public void An_unknown_field_is_refused_naming_it_and_its_column()
    {
        var error = Assert.Throws<FilterException>(() => EventFormat.Parse("%evt.num %fd.nam", null, new EventFormatter()));
        Assert.Equal(10, error.Column);
        Assert.Contains("unknown field '%fd.nam'", error.Message);
    }

    [Fact]
    public void Writing_ten_thousand_lines_and_json_objects_allocates_nothing()
    {
        var capture = FixtureCapture.Load(RepoPaths.Fixture("libs-curl_google.scap"));
        var frames = capture.Events.ToList();
        foreach (var (_, frame) in frames) capture.Threads.Observe(FrameBuilder.View(frame));
        var format = EventFormat.Parse("*%evt.num %evt.time %proc.name (%thread.tid) %proc.ppid %proc.pname %evt.dir %evt.type %fd.typechar %fd.name %evt.res %evt.failed %evt.info %evt.arg.fd %evt.arg.name %fd.sip:%fd.sport "
            + "%proc.aname[2] %proc.apid[1] %proc.pcmdline %fd.type %fd.directory %fd.filename %evt.count "
            + "%fd.lip:%fd.lport %fd.rip:%fd.rport %fd.is_server %fd.cproto %fd.sproto %fd.lproto %fd.rproto %fd.uid %fd.containername "
            + "%fd.containerdirectory %evt.arg[0] %evt.arg[1] %evt.rawarg.res %evt.rawarg.name %evt.buffer %fd.connected",
            capture.Threads, new EventFormatter(capture.Threads, capture.Accounts, TimeSpan.Zero));
        var buffer = new Utf8Buffer(1 << 16);
        void WriteAll()
        {
            for (var i = 0; i < 10_000; i++)
            {
                var (cpu, frame) = frames[i % frames.Count];
                buffer.Clear();
                format.TryWrite(buffer, FrameBuilder.View(frame), (ulong)i, cpu);
                buffer.Clear();
                format.TryWriteJson(buffer, FrameBuilder.View(frame), (ulong)i, cpu);
            }
        }
        WriteAll(); // buffers grow to the longest line once
        Assert.Equal(0, Allocations.FewestOver(3, WriteAll));
    }
}
