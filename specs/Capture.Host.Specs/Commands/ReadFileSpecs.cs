using System.Text.Json;

namespace Capture.Host.Specs.Commands;

/// <summary>`capture -r FILE` against the real captures and sysdig 0.29.3 as the reference.</summary>
public sealed class ReadFileSpecs
{
    [Theory]
    [InlineData("libs-curl_google.scap")]
    [InlineData("libs-single_ipv6_conn.scap")]
    public void Reading_a_capture_prints_exactly_what_sysdig_prints(string fixture)
    {
        var ours = CaptureProcess.Run("-r", RepoPaths.Fixture(fixture));
        var theirs = Sysdig.Open(RepoPaths.Fixture(fixture));
        Assert.Equal(0, ours.ExitCode);
        Assert.Equal(theirs.Output, ours.Output);
    }

    [Fact]
    public void Events_sysdig_029_does_not_know_are_shown_and_everything_else_matches_it()
    {
        var fixture = RepoPaths.Fixture("libs-sample-2023.scap");
        var ours = CaptureProcess.Run("-r", fixture).Lines;
        var theirs = Sysdig.Read(fixture).Lines;

        // sysdig 0.29.3 skips ids from 336 up (useradded, groupadded here) without counting them.
        static bool Newer(string line) => line.Contains(" useradded ") || line.Contains(" groupadded ");
        Assert.Equal(95, ours.Count(Newer));
        Assert.Equal(theirs.Select(WithoutNumber), ours.Where(l => !Newer(l)).Select(WithoutNumber));
    }

    [Fact]
    public void A_capture_with_section_header_options_reads_like_the_same_capture_without_them()
    {
        var plain = CaptureProcess.Run("-r", RepoPaths.Fixture("libs-curl_google.scap"));
        var withOptions = CaptureProcess.Run("-r", RepoPaths.Fixture("libs-curl_google_comments.scap"));
        Assert.Equal(0, withOptions.ExitCode);
        Assert.Equal(1221, withOptions.Lines.Length);
        Assert.Equal(plain.Output, withOptions.Output);
    }

    [Fact]
    public void Json_lines_carry_sysdigs_keys_and_the_arguments_by_name()
    {
        var result = CaptureProcess.Run("-r", RepoPaths.Fixture("libs-curl_google.scap"), "-j");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1221, result.Lines.Length);
        using var brk = JsonDocument.Parse(result.Lines[1]);
        var root = brk.RootElement;
        Assert.Equal(212, root.GetProperty("evt.num").GetInt64());
        Assert.Equal(1534527348514648551UL, root.GetProperty("evt.outputtime").GetUInt64());
        Assert.Equal("brk", root.GetProperty("evt.type").GetString());
        Assert.Equal(">", root.GetProperty("evt.dir").GetString());
        Assert.Equal("curl", root.GetProperty("proc.name").GetString());
        Assert.Equal(17497, root.GetProperty("thread.tid").GetInt64());
        Assert.Equal(0, root.GetProperty("evt.cpu").GetInt32());
        Assert.Equal("addr=0 ", root.GetProperty("evt.info").GetString());
        Assert.Equal("0", root.GetProperty("evt.args").GetProperty("addr").GetString());
    }

    [Fact]
    public void A_count_limit_stops_after_that_many_events_read()
    {
        var result = CaptureProcess.Run("-r", RepoPaths.Fixture("libs-curl_google.scap"), "-n", "215");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["211", "212", "213", "214", "215"], result.Lines.Select(l => l.Split(' ')[0]));
        Assert.Contains("215 events read", result.Error);
    }

    [Fact]
    public void A_rewritten_capture_prints_in_sysdig_exactly_as_the_original_does()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"capture-rw-{Guid.NewGuid():N}.scap");
        try
        {
            var fixture = RepoPaths.Fixture("falco-run_as_user_0_container.scap");
            var write = CaptureProcess.Run("-r", fixture, "-w", copy, "-z");
            Assert.Equal(0, write.ExitCode);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(copy));
            Assert.Equal(Sysdig.Read(fixture).Output, Sysdig.Read(copy).Output);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void A_file_that_is_not_a_capture_is_refused_in_one_line_naming_it_and_the_offset()
    {
        var result = CaptureProcess.Run("-r", "/etc/hostname");
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("capture: cannot read /etc/hostname: at byte 0: not a scap capture", line);
    }

    [Fact]
    public void A_truncated_capture_prints_every_event_before_the_cut_then_fails_naming_the_offset()
    {
        var whole = CaptureProcess.Run("-r", RepoPaths.Fixture("libs-sample-2023.scap")).Lines;
        var cut = Path.Combine(Path.GetTempPath(), $"capture-cut-{Guid.NewGuid():N}.scap");
        try
        {
            var bytes = File.ReadAllBytes(RepoPaths.Fixture("libs-sample-2023.scap"));
            File.WriteAllBytes(cut, bytes[..100_000]);
            var result = CaptureProcess.Run("-r", cut);
            Assert.Equal(1, result.ExitCode);
            Assert.NotEmpty(result.Lines);
            Assert.Equal(whole[..result.Lines.Length], result.Lines);
            Assert.Matches($"capture: {cut}: at byte \\d+: ", result.Error);
        }
        finally
        {
            File.Delete(cut);
        }
    }

    [Fact]
    public void An_unknown_flag_is_refused_in_one_line()
    {
        var result = CaptureProcess.Run("--bogus");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["capture: Unrecognized command or argument '--bogus'."], result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var negative = CaptureProcess.Run("-r", RepoPaths.Fixture("libs-curl_google.scap"), "-n", "0");
        Assert.Equal(2, negative.ExitCode);
        Assert.Equal(["capture: -n takes a positive whole number of events, not '0'"], negative.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", negative.Output);
    }

    /// <summary>A number option given a word says so in one line naming the option, never with a stack trace or a .NET type.</summary>
    [Theory]
    [InlineData("-n", "abc", "capture: -n takes a positive whole number of events, not 'abc'")]
    [InlineData("-M", "abc", "capture: -M takes a number of seconds, not 'abc'")]
    [InlineData("-s", "1.5", "capture: -s takes a whole number of bytes, not '1.5'")]
    [InlineData("--buffer-size", "big", "capture: --buffer-size takes a whole number of bytes, not 'big'")]
    [InlineData("--sink-timeout", "soon", "capture: --sink-timeout takes a number of seconds, not 'soon'")]
    public void A_number_option_given_a_word_is_refused_in_one_line(string option, string value, string expected)
    {
        var result = CaptureProcess.Run("-r", RepoPaths.Fixture("libs-curl_google.scap"), option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal([expected], result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", result.Output);
    }

    static string WithoutNumber(string line) => line[(line.IndexOf(' ') + 1)..];
}
