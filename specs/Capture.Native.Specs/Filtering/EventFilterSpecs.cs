using Capture.Native.Filtering;
using Capture.Native.Processes;
using Capture.Native.Specs.Formatting;

namespace Capture.Native.Specs.Filtering;

public sealed class EventFilterSpecs
{
    /// <summary>Every event of a fixture with its number and cpu, as the thread table left it after observing it, and what the filter said.</summary>
    static List<ulong> Matching(string fixture, string filter)
    {
        var capture = FixtureCapture.Load(RepoPaths.Fixture(fixture));
        var parsed = EventFilter.Parse(filter, capture.Threads);
        var numbers = new List<ulong>();
        ulong number = 0;
        foreach (var (cpu, frame) in capture.Events)
        {
            var ev = FrameBuilder.View(frame);
            number++;
            capture.Threads.Observe(ev);
            if (parsed.Matches(ev, number, cpu)) numbers.Add(number);
        }
        return numbers;
    }

    [Theory]
    [InlineData("proc.nam=curl", 1, "unknown field 'proc.nam'")]
    [InlineData("proc.name", 10, "proc.name needs an operator and a value")]
    [InlineData("proc.name =", 12, "proc.name needs a value")]
    [InlineData("proc.name ~ curl", 11, "unknown operator '~' after proc.name")]
    [InlineData("evt.cpu contains 1", 18, "evt.cpu is a number; 'contains' compares text")]
    [InlineData("proc.name > a", 13, "proc.name is text; '>' compares numbers")]
    [InlineData("evt.cpu = one", 11, "evt.cpu is a number, not 'one'")]
    [InlineData("evt.failed = maybe", 14, "evt.failed is true or false, not 'maybe'")]
    [InlineData("(evt.cpu = 1", 13, "the parenthesis opened at column 1 is not closed")]
    [InlineData("evt.type in (open, close", 25, "the list opened at column 13 is not closed")]
    [InlineData("evt.type in open", 13, "'evt.type in' wants a list in parentheses")]
    [InlineData("evt.cpu = 1 evt.cpu = 2", 13, "expected 'and', 'or' or the end, found 'evt.cpu'")]
    [InlineData("evt.cpu = 1 and", 16, "a condition is missing")]
    [InlineData("proc.name = 'curl", 13, "the quote opened here is not closed")]
    [InlineData("   ", 1, "the filter is empty")]
    [InlineData("evt.type=opne", 10, "unknown event type 'opne' for evt.type")]
    [InlineData("evt.type in (open, clsoe)", 20, "unknown event type 'clsoe' for evt.type")]
    [InlineData("fd.name pmatch /etc", 16, "'fd.name pmatch' wants a list in parentheses")]
    [InlineData("proc.name intersects bash", 22, "'proc.name intersects' wants a list in parentheses")]
    [InlineData("evt.type intersects (open, clsoe)", 28, "unknown event type 'clsoe' for evt.type")]
    [InlineData("fd.port intersects 53", 20, "'fd.port intersects' wants a list in parentheses")]
    [InlineData("fd.name bcontains 2f6", 19, "'bcontains' after fd.name wants bytes as hex digits in pairs")]
    [InlineData("evt.num glob '1*'", 14, "evt.num is a number; 'glob' compares text")]
    public void A_filter_that_does_not_parse_is_refused_naming_what_and_where(string filter, int column, string message)
    {
        var error = Assert.Throws<FilterException>(() => EventFilter.Parse(filter, null));
        Assert.Equal(column, error.Column);
        Assert.StartsWith($"filter: {message}", error.Message);
        Assert.EndsWith($"at column {column}", error.Message);
    }

    [Fact]
    public void Not_binds_tighter_than_and_and_and_tighter_than_or()
    {
        const string fixture = "libs-curl_google.scap";
        var connects = Matching(fixture, "evt.type=connect");
        var exits = Matching(fixture, "evt.dir='<'");
        var cpu0 = Matching(fixture, "evt.cpu=0");
        Assert.NotEmpty(connects);
        Assert.Equal(connects.Except(exits), Matching(fixture, "evt.type=connect and not evt.dir='<'"));
        Assert.Equal(connects.Union(exits.Intersect(cpu0)).Order(), Matching(fixture, "evt.type=connect or evt.dir='<' and evt.cpu=0"));
        Assert.Equal(connects.Union(exits).Intersect(cpu0).Order(), Matching(fixture, "(evt.type=connect or evt.dir='<') and evt.cpu=0"));
        Assert.Equal(Matching(fixture, "evt.type in (connect, socket)"), Matching(fixture, "evt.type=connect or evt.type=\"socket\""));
    }

    [Fact]
    public void A_field_without_a_value_makes_every_comparison_on_it_false_even_not_equal()
    {
        const string fixture = "libs-curl_google.scap";
        var all = Matching(fixture, "evt.num > 0");
        var named = Matching(fixture, "fd.name exists");
        Assert.NotEmpty(named);
        Assert.True(named.Count < all.Count);
        // an event with no descriptor has no fd.name: neither = nor != holds
        Assert.Equal(named, Matching(fixture, "fd.name = /nothing or fd.name != /nothing"));
        Assert.Equal(all.Except(named), Matching(fixture, "not fd.name exists"));
    }

    [Fact]
    public void A_descriptor_is_still_named_on_the_event_that_closes_it()
    {
        var closes = Matching("libs-curl_google.scap", "evt.type=close and evt.dir='<' and fd.name=/etc/ld.so.cache");
        Assert.Equal(3, closes.Count); // as sysdig -r counts them
        Assert.Empty(Matching("libs-curl_google.scap", "evt.type=read and fd.name=/etc/ld.so.cache and evt.num > " + closes[^1]));
    }

    [Fact]
    public void Matching_ten_thousand_events_allocates_nothing()
    {
        var capture = ObservedFixture("libs-curl_google.scap");
        // The first group reads every time and text field added for issue 13 on each event
        // (each term is true on most events; the last one never is, so it selects nothing).
        var filter = EventFilter.Parse("(evt.deltatime >= 0 and evt.reltime.ns >= 0 and evt.latency.human exists and evt.category exists "
            + "and evt.time.iso8601 exists and evt.datetime exists and evt.time.s exists and evt.rawtime.ns >= 0 and evt.is_io exists "
            + "and evt.is_wait exists and evt.is_syslog exists and evt.is_open_exec exists and evt.count.exit >= 0 "
            + "and not evt.count.error.file exists and not evt.count.error.other exists and evt.num < 0) "
            + "or (proc.name icontains CURL and fd.name contains /etc or evt.res = ENOENT) and not evt.type in (mmap, brk) "
            + "and evt.failed exists and thread.tid > 0 and proc.exe endswith curl and fd.num >= 0 or evt.type startswith sock "
            + "or evt.arg.flags contains O_CLOEXEC or fd.sport = 80 or fd.cip startswith 2600 "
            + "or proc.aname = sshd or proc.apid = 1 or proc.aname[2] in (bash, sshd) or proc.pcmdline contains google "
            + "or fd.type = ipv6 or fd.directory pmatch (/usr/lib, /etc) or fd.filename glob 'lib*.so.[0-9]' "
            + "or fd.name bcontains 2f6574 or fd.name bstartswith 2f or evt.count = 2 "
            // Every descriptor-end and parameter field, read on each event ("not F = x" holds whether F has a value or not).
            + "or (not fd.lip = 1.2.3.4 and not fd.rip = x and not fd.lport = 1 and not fd.rport = 1 and not fd.is_server = true "
            + "and not fd.cproto = x and not fd.sproto = x and not fd.lproto = x and not fd.rproto = x and not fd.uid = x "
            + "and not fd.containername = x and not fd.containerdirectory = x and not fd.ip = 2607:f8b0:4004:802::2004 "
            + "and not fd.port = 1 and not fd.proto < 1 and not fd.net = 2600:1f18:262c:6542:: and not fd.cnet = 10.0.0.0/8 "
            + "and not fd.snet = 2607:f8b0:4004:802:: and not fd.lnet = 10.0.0.0/8 and not fd.rnet = 10.0.0.0/8 "
            + "and not evt.arg[0] = x and not evt.arg[1] contains x and not evt.rawarg.res < -100000 and not evt.rawarg.name = x "
            + "and not evt.buffer contains xyz and not fd.connected = true and evt.num < 0)", capture.Threads);
        AssertMatchingTenThousandAllocatesNothing(capture, filter);
    }

    [Fact]
    public void Reading_the_process_and_user_fields_on_ten_thousand_events_allocates_nothing()
    {
        var capture = ObservedFixture("falco-run_as_user_0_container.scap");
        // The first group reads each process and user field (a thread the table still knows
        // passes all of them); the last terms walk the ancestors and read the login user.
        var filter = EventFilter.Parse("(proc.sid >= -1 and proc.vpgid >= -1 and proc.sname exists and proc.tty >= 0 and proc.exepath exists "
            + "and proc.cwd exists and proc.exeline contains ' ' and proc.env exists and proc.is_exe_writable exists "
            + "and proc.fdlimit exists and proc.fdopencount >= 0 and proc.nthreads >= 1 and proc.nchilds >= 0 and user.loginuid exists "
            + "and thread.cgroups contains cpu and thread.cgroup.memory startswith / and user.homedir exists and user.shell exists and proc.vmsize >= 0 and proc.vmrss >= 0 and proc.vmswap >= 0 "
            + "and thread.vmsize >= 0 and thread.vmrss >= 0 and thread.pfmajor >= 0 and thread.pfminor >= 0) "
            + "or proc.loginshellid > 0 or proc.duration > 0 or user.loginname = mstemm", capture.Threads, capture.Accounts);
        AssertMatchingTenThousandAllocatesNothing(capture, filter);
    }

    /// <summary>A fixture whose every event the thread table has followed, as before matching in a capture.</summary>
    static FixtureCapture ObservedFixture(string name)
    {
        var capture = FixtureCapture.Load(RepoPaths.Fixture(name));
        foreach (var (_, frame) in capture.Events) capture.Threads.Observe(FrameBuilder.View(frame));
        return capture;
    }

    /// <summary>
    /// Matches <paramref name="filter"/> against ten thousand of the fixture's events, round and
    /// round, after one pass that fills the name caches and grows the scratch buffer to the
    /// longest value: the measured passes allocate nothing, and something matched.
    /// </summary>
    static void AssertMatchingTenThousandAllocatesNothing(FixtureCapture capture, EventFilter filter)
    {
        var frames = capture.Events;
        var matched = 0;
        void MatchAll()
        {
            for (var i = 0; i < 10_000; i++)
            {
                var (cpu, frame) = frames[i % frames.Count];
                if (filter.Matches(FrameBuilder.View(frame), (ulong)i, cpu)) matched++;
            }
        }
        MatchAll();
        Assert.Equal(0, Allocations.FewestOver(3, MatchAll));
        Assert.True(matched > 0);
    }

    [Theory]
    [InlineData("/etc/passwd", "/etc/*", true)]
    [InlineData("/etc/ssh/sshd_config", "/etc/*", true)] // '*' crosses '/', as fnmatch without FNM_PATHNAME
    [InlineData("/etc", "/etc/*", false)]
    [InlineData("libc.so.6", "lib?.so.[0-9]", true)]
    [InlineData("libc.so.x", "lib?.so.[0-9]", false)]
    [InlineData("libc.so.x", "lib?.so.[!0-9]", true)]
    [InlineData("a]b", "a[]]b", true)]
    [InlineData("a*b", "a\\*b", true)]
    [InlineData("axb", "a\\*b", false)]
    [InlineData("aaab", "*a*b", true)]
    [InlineData("", "*", true)]
    [InlineData("x[y", "x[y", true)] // an unclosed '[' is a plain byte
    public void Glob_matches_the_whole_value_with_shell_wildcards(string text, string pattern, bool matches) =>
        Assert.Equal(matches, GlobPattern.Matches(System.Text.Encoding.UTF8.GetBytes(text), System.Text.Encoding.UTF8.GetBytes(pattern)));

    [Theory]
    [InlineData("/etc/passwd", "/etc", true)]
    [InlineData("/etc", "/etc", true)]
    [InlineData("/etc", "/etc/", true)]
    [InlineData("/etcetera", "/etc", false)]
    [InlineData("/usr/lib/x", "/", true)]
    [InlineData("/us", "/usr", false)]
    public void Pmatch_matches_a_path_and_what_lies_under_it(string value, string path, bool matches) =>
        Assert.Equal(matches, PathPrefix.IsUnder(System.Text.Encoding.UTF8.GetBytes(value), PathPrefix.Normalized(System.Text.Encoding.UTF8.GetBytes(path))));

    [Fact]
    public void Bytes_operators_compare_the_bytes_their_hex_stands_for()
    {
        const string fixture = "libs-curl_google.scap";
        var underEtc = Matching(fixture, "fd.name startswith /etc");
        Assert.NotEmpty(underEtc);
        Assert.Equal(underEtc, Matching(fixture, "fd.name bstartswith 2F657463"));
        Assert.Equal(Matching(fixture, "fd.name contains resolv"), Matching(fixture, "fd.name bcontains 7265736f6c76"));
    }

    // Current libs' intersects is true when any of a field's values is in the list; every field
    // here has one value, so it must select what in selects (sysdig 0.29.3 cannot parse it).
    [Theory]
    [InlineData("falco-run_as_user_0_container.scap", "proc.name {0} (bash, ls)")]
    [InlineData("falco-run_as_user_0_container.scap", "evt.type {0} (execve, clone)")]
    [InlineData("falco-run_as_user_0_container.scap", "proc.aname {0} (containerd, sshd)")]
    [InlineData("falco-run_as_user_0_container.scap", "proc.apid {0} (1, 25754)")]
    [InlineData("falco-run_as_user_0_container.scap", "fd.ip {0} (1.2.3.4, 10.0.2.2)")]
    [InlineData("libs-curl_google.scap", "fd.num {0} (3, 4) and evt.dir='<'")]
    [InlineData("libs-curl_google.scap", "fd.port {0} (53, 80)")]
    public void Intersects_on_a_field_with_one_value_selects_what_in_selects(string fixture, string filter)
    {
        var selected = Matching(fixture, string.Format(filter, "in"));
        Assert.NotEmpty(selected);
        Assert.Equal(selected, Matching(fixture, string.Format(filter, "intersects")));
    }

    [Fact]
    public void Proc_aname_without_an_index_tests_every_ancestor_but_not_the_process_itself()
    {
        const string fixture = "falco-run_as_user_0_container.scap";
        var anyContainerd = Matching(fixture, "proc.aname=containerd");
        var byGeneration = Enumerable.Range(1, 8).SelectMany(n => Matching(fixture, $"proc.aname[{n}]=containerd")).Distinct().Order().ToList();
        Assert.NotEmpty(anyContainerd);
        Assert.Equal(byGeneration, anyContainerd);
        // containerd's own events (its parent is systemd) are not among them.
        Assert.NotEmpty(Matching(fixture, "proc.aname[0]=containerd").Except(anyContainerd));
        Assert.Equal(Matching(fixture, "proc.apid[1]=1"), Matching(fixture, "proc.ppid=1"));
    }
}
