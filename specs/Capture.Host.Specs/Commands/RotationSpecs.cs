using Capture.Native.Files;

namespace Capture.Host.Specs.Commands;

/// <summary>
/// `capture -w FILE` with sysdig's -C, -G, -W and -e, run as a user runs it: the files carry
/// sysdig's names, each one reads on its own in sysdig, and together they hold every event of
/// the same capture written to one file, once and in order. -G splits by event time (the
/// fixture's events span 8 seconds, 1534527342 to 1534527350, 17:35:42 to 17:35:50 UTC).
/// </summary>
public sealed class RotationSpecs : IDisposable
{
    static readonly string Fixture = RepoPaths.Fixture("libs-curl_google.scap");
    const ulong Second = 1_000_000_000;
    readonly string _dir = Directory.CreateTempSubdirectory("capture-rotation-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string Out(string name) => Path.Combine(_dir, name);

    string[] Names() => [.. Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    static List<ulong> TimesOf(string file)
    {
        var times = new List<ulong>();
        using var reader = ScapFileReader.Open(file);
        while (reader.TryReadNext(out var ev, out _)) times.Add(ev.Timestamp);
        Assert.Equal(0, reader.Errors);
        return times;
    }

    static string[] Numbered(string name, int count) => [.. Enumerable.Range(0, count).Select(i => name + i)];

    /// <summary>What sysdig says of each event's process, every event (the * prints those with fields missing too).</summary>
    static string ProcessesOf(string file) => Sysdig.Open(file, "-p", "*%evt.dir %evt.type %thread.tid %proc.pid %proc.name %user.name").Output;

    [Fact]
    public void Split_every_100_events_the_files_hold_the_capture_and_sysdig_names_each_events_process_as_in_one_file()
    {
        var run = CaptureProcess.Run("-r", Fixture, "-w", Out("a.scap"), "-e", "100");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1536 events read, 0 skipped, 0 errors, 1536 written", run.Error);
        var files = Numbered(Out("a.scap"), 16); // 15 of 100 and the last 36
        Assert.Equal(files.Select(Path.GetFileName).Order(StringComparer.Ordinal), Names());
        Assert.All(files[..^1], f => Assert.Equal(100, TimesOf(f).Count));
        Assert.Equal(TimesOf(Fixture), files.SelectMany(TimesOf));
        // A process execs and clones in the early files and runs on through the later ones.
        Assert.Equal(ProcessesOf(Fixture), string.Concat(files.Select(ProcessesOf)));
    }

    [Fact]
    public void Split_every_2_seconds_of_event_time_each_file_holds_one_period()
    {
        var run = CaptureProcess.Run("-r", Fixture, "-w", Out("a.scap"), "-G", "2");

        Assert.Equal(0, run.ExitCode);
        var files = Numbered(Out("a.scap"), 5); // periods from :42, :44, :46, :48, :50
        Assert.Equal(files.Select(Path.GetFileName), Names());
        var all = TimesOf(Fixture);
        for (var i = 0; i < files.Length; i++)
        {
            var start = 1534527342 + 2UL * (ulong)i;
            Assert.Equal(all.Where(t => t / Second >= start && t / Second < start + 2), TimesOf(files[i]));
        }
        Assert.All(files, f => Sysdig.Open(f));
    }

    [Fact]
    public void A_file_limit_keeps_exactly_that_many_files_the_newest_periods()
    {
        var run = CaptureProcess.Run("-r", Fixture, "-w", Out("a.scap"), "-G", "2", "-W", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["a.scap0", "a.scap1", "a.scap2"], Names());
        // Places 0 and 1 were taken again by the periods from :48 and :50; place 2 keeps :46.
        var kept = new[] { "a.scap2", "a.scap0", "a.scap1" }.SelectMany(f => TimesOf(Out(f)));
        Assert.Equal(TimesOf(Fixture).Where(t => t / Second >= 1534527346), kept);
    }

    [Fact]
    public void A_name_with_a_strftime_pattern_is_filled_in_with_each_periods_start_after_sysdigs_first_dump()
    {
        var run = CaptureProcess.Run("-r", Fixture, "-w", Out("a-%H%M%S.scap"), "-G", "2", "-W", "2");

        Assert.Equal(0, run.ExitCode);
        // sysdig names a rewritten capture's first file first_dump.scap; the periods from :44
        // and :46 were removed when :48 and :50 took their places.
        Assert.Equal(["a-173548.scap", "a-173550.scap", "first_dump.scap"], Names());
        Assert.Equal(TimesOf(Fixture).Where(t => t / Second < 1534527344), TimesOf(Out("first_dump.scap")));
    }

    [Fact]
    public void Split_by_megabytes_from_a_live_capture_each_file_passes_a_million_bytes_before_the_next_and_the_oldest_is_replaced()
    {
        var run = CaptureProcess.Run("--driver", "simulated", "-w", Out("s.scap"), "-C", "1", "-W", "2", "-n", "30000");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["s.scap0", "s.scap1"], Names());
        // s.scap1 was closed at the first event after it passed 1,000,000 bytes; s.scap0 was then written again.
        var full = new FileInfo(Out("s.scap1")).Length;
        Assert.InRange(full, 1_000_001, 1_000_000 + 64 * 1024);
        Assert.True(TimesOf(Out("s.scap1"))[^1] <= TimesOf(Out("s.scap0"))[0], "the replaced place holds the newest events");
        Assert.All(Names(), f => Sysdig.Open(Out(f)));
    }
}
