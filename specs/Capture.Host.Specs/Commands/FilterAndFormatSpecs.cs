using static Capture.Host.Specs.SysdigAgreement;

namespace Capture.Host.Specs.Commands;

/// <summary>
/// Filters, `-p` formats (text and JSON), `-v` and `-t` on the real captures, with sysdig 0.29.3
/// as the reference: the same arguments must select and print exactly the same.
/// </summary>
public sealed class FilterAndFormatSpecs
{
    // mmap is left out where fd.* fields are tested: current libs (and capture) give mmap the
    // descriptor it maps; sysdig 0.29.3 gives it none.
    [Theory]
    [InlineData("libs-curl_google.scap", "evt.type=connect")]
    [InlineData("libs-curl_google.scap", "proc.name=curl and evt.dir='<' and evt.cpu=0")]
    [InlineData("libs-curl_google.scap", "evt.type in (open, openat) and not fd.name startswith /lib")]
    [InlineData("libs-curl_google.scap", "evt.failed=true or evt.res=ENOENT")]
    [InlineData("libs-curl_google.scap", "evt.rawres>100 and thread.tid=17497")]
    [InlineData("libs-curl_google.scap", "fd.name contains /etc and evt.type!=mmap")]
    [InlineData("libs-curl_google.scap", "(evt.type=close or evt.type=read) and fd.num>=3 and evt.type!=mmap")]
    [InlineData("libs-curl_google.scap", "fd.name=/home/ubuntu/.curlrc")]
    [InlineData("libs-curl_google.scap", "proc.exe icontains CURL and evt.num>=1000 and evt.num<1010")]
    [InlineData("libs-single_ipv6_conn.scap", "evt.type in (connect, sendto, recvfrom, close) and evt.dir='<' and fd.num exists")]
    [InlineData("libs-single_ipv6_conn.scap", "proc.pid != 25886 and evt.type in (socket, sendto, recvfrom)")]
    [InlineData("libs-single_ipv6_conn.scap", "fd.sport=1234 and fd.sip=2001:db8::3 and fd.l4proto=tcp")]
    [InlineData("falco-run_as_user_0_container.scap", "fd.cport > 40000 or (fd.sport = 22 and evt.dir='<')")]
    [InlineData("libs-curl_google.scap", "evt.arg.flags contains O_CLOEXEC and evt.arg.fd startswith '<f>/lib'")]
    [InlineData("falco-run_as_user_0_container.scap", "evt.arg.res = EAGAIN or evt.arg.name = /")]
    [InlineData("falco-run_as_user_0_container.scap", "proc.cmdline contains containerd or proc.args = -nw")]
    [InlineData("falco-run_as_user_0_container.scap", "evt.latency > 100000 and evt.type!=switch")]
    [InlineData("falco-run_as_user_0_container.scap", "(user.name=mstemm and not proc.name in (sshd, screen)) or (user.uid=0 and group.name=root and proc.name=bash)")]
    public void A_filter_selects_exactly_the_lines_sysdig_selects(string fixture, string filter)
    {
        var ours = AssertPrintsAsSysdig(fixture, filter);
        // Matched events include those no text output shows (procinfo and the like).
        var matched = int.Parse(System.Text.RegularExpressions.Regex.Match(ours.Error, @"(\d+) matched the filter").Groups[1].Value);
        Assert.InRange(matched, ours.Lines.Length, ours.Lines.Length + 200);
    }

    // Where sysdig 0.29.3 and capture differ on purpose or in ways not copied (mmap's
    // descriptor; event 1519 of the falco capture, an exit whose enter is not in the file, to
    // which sysdig gives its default fd 0), the filter leaves them out.
    [Theory]
    [InlineData("libs-curl_google.scap", "%evt.num %evt.time %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info", "")]
    [InlineData("libs-single_ipv6_conn.scap", "%evt.num %evt.time %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.args", "")]
    [InlineData("falco-run_as_user_0_container.scap", "%evt.num %evt.time %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info", "")]
    [InlineData("libs-curl_google.scap", "%evt.num %proc.ppid %proc.pname %proc.exe %proc.pid %evt.rawtime", "")]
    [InlineData("falco-run_as_user_0_container.scap", "%evt.num %proc.ppid %proc.pname %proc.exe %proc.pid", "")]
    [InlineData("libs-single_ipv6_conn.scap", "*%evt.num %proc.name %fd.num %evt.res %evt.failed %evt.rawres", "evt.type!=mmap")]
    [InlineData("libs-curl_google.scap", "%evt.num %fd.typechar %fd.name %fd.num", "evt.type!=mmap and evt.type!=pipe and evt.failed=false and fd.num>2")]
    [InlineData("falco-run_as_user_0_container.scap", "%evt.num %fd.typechar %fd.name %fd.num", "evt.type!=mmap and evt.type!=pipe and evt.failed=false and fd.num>2")]
    [InlineData("libs-single_ipv6_conn.scap", "%evt.num [%fd.cip] [%fd.sip] [%fd.cport] [%fd.sport] [%fd.l4proto]", "fd.typechar=6")]
    [InlineData("falco-run_as_user_0_container.scap", "%evt.num %proc.name %fd.cip:%fd.cport -> %fd.sip:%fd.sport %fd.l4proto", "evt.type!=mmap")]
    [InlineData("libs-curl_google.scap", "*%evt.num %evt.type [%evt.arg.fd] [%evt.arg.res] [%evt.arg.flags] [%evt.arg.name] [%evt.arg.data] [%evt.arg.tuple] [%evt.arg.pid]", "evt.type!=mmap")]
    [InlineData("falco-run_as_user_0_container.scap", "*%evt.num %evt.type [%evt.arg.fd] [%evt.arg.res] [%evt.arg.flags] [%evt.arg.name] [%evt.arg.path] [%evt.arg.data]", "evt.type!=mmap")]
    [InlineData("falco-run_as_user_0_container.scap", "%evt.num %proc.name|%proc.cmdline|%proc.args|", "")]
    [InlineData("falco-run_as_user_0_container.scap", "%evt.num %evt.type %fd.num %fd.typechar [%fd.name]", "evt.type!=mmap and evt.dir='<' and evt.num!=1519")]
    [InlineData("falco-run_as_user_0_container.scap", "*%evt.num %proc.name %user.uid %user.name", "")]
    [InlineData("libs-curl_google.scap", "%evt.num %proc.name %user.uid %user.name %group.name", "")]
    [InlineData("falco-run_as_user_0_container.scap", "%evt.num %evt.type %evt.latency", "evt.type!=switch")]
    public void An_output_format_prints_exactly_what_sysdig_prints_with_it(string fixture, string format, string filter)
    {
        string[] filterWords = filter.Length == 0 ? [] : [filter];
        AssertPrintsAsSysdig(fixture, ["-p", format, .. filterWords]);
    }

    [Theory]
    [InlineData("libs-curl_google.scap")]
    [InlineData("falco-run_as_user_0_container.scap")]
    public void With_v_buffers_print_whole_as_sysdig_prints_them(string fixture)
    {
        var path = RepoPaths.Fixture(fixture);
        var ours = CaptureProcess.Run("-r", path, "-v");
        Assert.Equal(Sysdig.Open(path, "-v").Output, ours.Output);
        Assert.NotEqual(CaptureProcess.Run("-r", path).Output, ours.Output);
        string[] format = ["-p", "%evt.num %evt.arg.data|%evt.info", "evt.type in (read, write)"];
        Assert.Equal(Sysdig.Open(path, ["-v", .. format]).Output, CaptureProcess.Run(["-r", path, "-v", .. format]).Output);
    }

    // Left out as above, plus events whose descriptor sysdig knows only as a placeholder (fd 1
    // never opened in the capture). The curl capture has more of those (get/setsockopt exits
    // without parameters, writes to fd 1), so it is not used here.
    [Theory]
    [InlineData("libs-single_ipv6_conn.scap", "evt.type!=mmap")]
    [InlineData("falco-run_as_user_0_container.scap", "evt.type!=mmap and evt.num!=982 and evt.num!=1519")]
    public void With_j_an_output_format_prints_the_json_objects_sysdig_prints(string fixture, string filter)
    {
        string[] args = ["-j", "-p", "*%evt.num %fd.name %user.name %evt.args %evt.type %evt.time %evt.failed %fd.num", filter];
        AssertPrintsAsSysdig(fixture, args);
    }

    // sysdig 0.29.3 prints -t a's nanoseconds without leading zeros (1533943853.931868 for
    // .000931868): capture prints them right, so only captures whose nanoseconds never start
    // with a zero compare; and its -t d gives a context switch the time since the thread's
    // previous event, where capture gives 0 as to every event that is not an exit.
    [Theory]
    [InlineData("libs-curl_google.scap", "a", "")]
    [InlineData("libs-curl_google.scap", "D", "")]
    [InlineData("falco-run_as_user_0_container.scap", "D", "evt.type in (read, connect, close)")]
    [InlineData("libs-curl_google.scap", "d", "evt.type!=switch")]
    [InlineData("falco-run_as_user_0_container.scap", "d", "evt.type!=switch")]
    public void With_t_lines_show_time_as_sysdig_shows_it(string fixture, string style, string filter)
    {
        string[] args = ["-t", style, .. filter.Length == 0 ? Array.Empty<string>() : [filter]];
        AssertPrintsAsSysdig(fixture, args);
    }

    [Theory]
    [InlineData("libs-curl_google.scap", "-A")]
    [InlineData("libs-curl_google.scap", "-X")]
    [InlineData("falco-run_as_user_0_container.scap", "-A")]
    [InlineData("falco-run_as_user_0_container.scap", "-X")]
    [InlineData("falco-run_as_user_0_container.scap", "-x")]
    [InlineData("libs-curl_google.scap", "-b")]
    public void With_A_X_x_or_b_buffers_show_as_sysdig_shows_them(string fixture, string style)
    {
        var ours = AssertPrintsAsSysdig(fixture, style);
        Assert.Contains(style switch { "-X" or "-x" => "\t0x0000: ", "-b" => "data=f0VMRg", _ => "data=\n" }, ours.Output);
    }

    [Fact]
    public void An_unknown_time_style_is_refused_in_one_line_naming_the_allowed_ones()
    {
        var result = CaptureProcess.Run("-r", RepoPaths.Fixture("libs-curl_google.scap"), "-t", "x");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["capture: Argument 'x' not recognized. Must be one of: 'h' 'a' 'd' 'D'"], result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void An_output_format_that_does_not_parse_or_does_not_fit_the_other_flags_is_refused_in_one_line()
    {
        var unknown = CaptureProcess.Run("-r", RepoPaths.Fixture("libs-curl_google.scap"), "-p", "%evt.num %proc.nam");
        Assert.Equal(2, unknown.ExitCode);
        var line = Assert.Single(unknown.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("capture: -p: unknown field '%proc.nam' in the output format (known: evt.time, evt.outputtime, evt.info, evt.args, evt.num, ", line);
        Assert.EndsWith("at column 10", line);

        var withFile = CaptureProcess.Run("-r", RepoPaths.Fixture("libs-curl_google.scap"), "-p", "%evt.num", "-w", "/tmp/never-written.scap");
        Assert.Equal(2, withFile.ExitCode);
        Assert.Equal(["capture: -p formats printed lines; it cannot be used with -w or -q"], withFile.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists("/tmp/never-written.scap"));
    }

    [Fact]
    public void A_filter_keeps_event_numbers_and_n_counts_the_events_shown()
    {
        var result = CaptureProcess.Run("-r", RepoPaths.Fixture("libs-curl_google.scap"), "-n", "3", "evt.type=connect");
        Assert.Equal(Sysdig.Open(RepoPaths.Fixture("libs-curl_google.scap"), "-n", "3", "evt.type=connect").Output, result.Output);
        Assert.Equal(["1056", "1057", "1062"], result.Lines.Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public void A_filter_that_does_not_parse_is_refused_in_one_line_before_anything_is_read()
    {
        var result = CaptureProcess.Run("-r", "/nonexistent.scap", "proc.name=curl", "and", "fd.nam", "contains", "/etc");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("capture: filter: unknown field 'fd.nam' (known: evt.num, ", line);
        Assert.EndsWith("at column 20", line);
    }

}
