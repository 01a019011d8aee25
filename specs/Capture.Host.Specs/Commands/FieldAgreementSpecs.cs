using static Capture.Host.Specs.SysdigAgreement;

namespace Capture.Host.Specs.Commands;

/// <summary>
/// Issue 13's fields and operators, each checked against sysdig 0.29.3 on the captures it
/// reads: every field printed with -p beside evt.num, line for line, and filters using the new
/// operators and ancestry selecting the same lines.
/// </summary>
public sealed class FieldAgreementSpecs
{
    // mmap is left out everywhere: current libs (and capture) give mmap the descriptor it maps,
    // sysdig 0.29.3 none. Event 1519 of the falco capture is an exit whose enter is not in the
    // file; sysdig gives it its default fd 0. In the curl capture, get/setsockopt exits without
    // parameters have a placeholder descriptor in sysdig (fd -1), none in capture.
    const string Comparable = "evt.type!=mmap and evt.num!=1519 and not evt.type in (getsockopt, setsockopt)";

    static readonly string[] s_fields =
    [
        "proc.aname[0]", "proc.aname[1]", "proc.aname[2]", "proc.aname[3]", "proc.apid[0]", "proc.apid[1]", "proc.apid[2]",
        "proc.pcmdline", "fd.type", "fd.directory", "fd.filename", "evt.count", "evt.is_open_read", "evt.is_open_write",
        "evt.latency", "evt.time.s", "evt.time.iso8601", "evt.datetime", "evt.datetime.s", "evt.rawtime.s", "evt.rawtime.ns",
        "evt.reltime", "evt.reltime.s", "evt.reltime.ns", "evt.latency.s", "evt.latency.ns", "evt.latency.human",
        "evt.deltatime", "evt.deltatime.s", "evt.deltatime.ns", "evt.category", "evt.buflen", "evt.is_io", "evt.is_io_read",
        "evt.is_io_write", "evt.io_dir", "evt.is_wait", "evt.wait_latency", "evt.is_syslog", "evt.count.error",
        "evt.count.error.file", "evt.count.error.net", "evt.count.error.other", "evt.count.exit", "evt.is_open_exec",
        "fd.sockfamily", "thread.ismain",
        // Descriptor ends and parameters: the falco capture has an sshd connection from a fd list, the curl one DNS and HTTP over IPv6.
        "fd.lip", "fd.rip", "fd.lport", "fd.rport", "fd.is_server", "fd.cproto", "fd.sproto", "fd.lproto", "fd.rproto", "fd.uid",
        "fd.containername", "fd.containerdirectory", "evt.arg[0]", "evt.arg[1]", "evt.arg[2]", "evt.rawarg.res", "evt.rawarg.name",
        "evt.rawarg.tid", "evt.buffer", "fd.connected",
    ];

    // The IPv6 capture has no process list and opens no files: its ancestors and file names
    // are <NA> throughout, so only the fields it has values for are compared there.
    static readonly string[] s_ipv6Fields =
    [
        "proc.apid[0]", "fd.type", "evt.count", "evt.is_open_read", "evt.reltime", "evt.deltatime", "evt.category", "evt.count.error.net", "fd.sockfamily", "thread.ismain",
        // A listening server and its accepted connection, both ends on the machine.
        "fd.lip", "fd.rip", "fd.lport", "fd.rport", "fd.is_server", "fd.cproto", "fd.sproto", "fd.lproto", "fd.rproto", "fd.uid",
        "fd.containername", "evt.arg[0]", "evt.arg[1]", "evt.rawarg.res", "evt.buffer", "fd.connected",
    ];

    public static TheoryData<string, string> FieldsOnFixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var fixture in new[] { "falco-run_as_user_0_container.scap", "libs-curl_google.scap" })
            foreach (var field in s_fields)
                data.Add(fixture, field);
        foreach (var field in s_ipv6Fields) data.Add("libs-single_ipv6_conn.scap", field);
        return data;
    }

    [Theory]
    [MemberData(nameof(FieldsOnFixtures))]
    public void A_field_prints_what_sysdig_prints_for_it(string fixture, string field)
    {
        var ours = AssertPrintsAsSysdig(fixture, "-p", $"*%evt.num %{field}", Comparable);
        // A field that is <NA> on every line would agree without testing anything.
        Assert.Contains(ours.Lines, line => !line.EndsWith(" <NA>", StringComparison.Ordinal));
    }

    // Process and user state, on the fixtures where sysdig has a value for them (the IPv6
    // capture has no process list: its threads have exe <NA>, no session leader or shell).
    static readonly string[] s_processFields =
    [
        "proc.sid", "proc.vpgid", "proc.sname", "proc.tty", "proc.exepath", "proc.exeline", "proc.env", "proc.loginshellid",
        "proc.is_exe_writable", "proc.duration", "proc.fdlimit", "proc.fdopencount", "proc.nthreads", "proc.nchilds",
        "thread.cgroups", "thread.cgroup.cpu", "thread.cgroup.memory", "user.homedir", "user.shell", "user.loginuid", "proc.exe",
    ];

    // Only the falco capture has these: the curl one has no login user, and its curl process,
    // met first at its execve, has a working directory in capture (execve's cwd) but none in
    // sysdig 0.29.3, which takes it only from process lists, clone and chdir.
    static readonly string[] s_processFalcoFields = ["proc.cwd", "user.loginname"];

    // (proc.exe is the text "<NA>" there, which the check against all-<NA> output cannot tell
    // from no value; proc.exeline, "<NA> " with sysdig's space, covers it.)
    static readonly string[] s_processIpv6Fields =
        ["proc.sid", "proc.vpgid", "proc.tty", "proc.exeline", "proc.fdlimit", "proc.fdopencount", "proc.nthreads", "user.loginuid"];

    public static TheoryData<string, string> ProcessFieldsOnFixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var fixture in new[] { "falco-run_as_user_0_container.scap", "libs-curl_google.scap" })
            foreach (var field in s_processFields)
                data.Add(fixture, field);
        foreach (var field in s_processFalcoFields) data.Add("falco-run_as_user_0_container.scap", field);
        foreach (var field in s_processIpv6Fields) data.Add("libs-single_ipv6_conn.scap", field);
        return data;
    }

    [Theory]
    [MemberData(nameof(ProcessFieldsOnFixtures))]
    public void A_process_or_user_field_prints_what_sysdig_prints_for_it(string fixture, string field) =>
        A_field_prints_what_sysdig_prints_for_it(fixture, field);

    // Memory sizes and page faults, compared on every event: sysdig 0.29.3 does not parse the
    // events a filter's evt.type terms rule out, so under evt.type!=mmap it misses the sizes
    // mmap exits report (capture keeps its state from every event, filtered or not).
    static readonly string[] s_memoryFields = ["proc.vmsize", "proc.vmrss", "proc.vmswap", "thread.vmsize", "thread.vmrss", "thread.pfmajor", "thread.pfminor"];

    public static TheoryData<string, string> MemoryFieldsOnFixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var fixture in new[] { "falco-run_as_user_0_container.scap", "libs-curl_google.scap", "libs-single_ipv6_conn.scap" })
            foreach (var field in s_memoryFields)
                data.Add(fixture, field);
        return data;
    }

    [Theory]
    [MemberData(nameof(MemoryFieldsOnFixtures))]
    public void A_memory_field_prints_what_sysdig_prints_for_it_on_every_event(string fixture, string field)
    {
        var ours = AssertPrintsAsSysdig(fixture, "-p", $"*%evt.num %{field}");
        Assert.Contains(ours.Lines, line => !line.EndsWith(" <NA>", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("falco-run_as_user_0_container.scap", "proc.sname=bash and proc.tty!=0")]
    [InlineData("falco-run_as_user_0_container.scap", "user.loginname=mstemm and proc.loginshellid exists")]
    [InlineData("falco-run_as_user_0_container.scap", "thread.cgroup.cpu startswith /docker or proc.nthreads > 10")]
    [InlineData("libs-curl_google.scap", "proc.fdopencount >= 2 and proc.duration exists")]
    [InlineData("libs-curl_google.scap", "proc.sname=systemd and proc.env contains SSH_CLIENT and evt.type=open")]
    public void A_filter_on_process_and_user_fields_selects_what_sysdig_selects(string fixture, string filter)
    {
        var ours = AssertPrintsAsSysdig(fixture, filter);
        Assert.NotEmpty(ours.Lines);
    }

    [Fact]
    public void Each_process_and_user_field_is_listed()
    {
        var listing = CaptureProcess.Run("-l").Output;
        var names = s_processFields.Concat(s_processFalcoFields).Concat(s_memoryFields).Select(f => f.StartsWith("thread.cgroup.", StringComparison.Ordinal) && f != "thread.cgroups" ? "thread.cgroup.NAME" : f);
        foreach (var name in names.Distinct())
            Assert.Matches($"(?m)^{System.Text.RegularExpressions.Regex.Escape(name)} +\\S", listing);
    }

    [Theory]
    [InlineData("falco-run_as_user_0_container.scap", "proc.aname=containerd")]
    [InlineData("falco-run_as_user_0_container.scap", "proc.aname=sshd and evt.type=read")]
    [InlineData("falco-run_as_user_0_container.scap", "proc.apid=1 and evt.dir='<'")]
    [InlineData("falco-run_as_user_0_container.scap", "proc.aname[2] in (containerd, sshd)")]
    [InlineData("falco-run_as_user_0_container.scap", "fd.name glob '/etc/*' and evt.type!=mmap")]
    [InlineData("falco-run_as_user_0_container.scap", "fd.name glob '*[a-c]*' and evt.type!=mmap")]
    [InlineData("falco-run_as_user_0_container.scap", "proc.name glob 'ss?d'")]
    [InlineData("falco-run_as_user_0_container.scap", "fd.name pmatch (/etc, /usr) and evt.type!=mmap")]
    [InlineData("falco-run_as_user_0_container.scap", "fd.directory pmatch (/dev/) and evt.type!=mmap and evt.num!=1519")]
    [InlineData("libs-curl_google.scap", "fd.filename glob 'lib*.so.*' and evt.type!=mmap")]
    [InlineData("libs-curl_google.scap", "fd.type=ipv6 or fd.type=unix")]
    [InlineData("libs-curl_google.scap", "evt.is_open_read=true and fd.directory=/etc")]
    // The filter-only network fields (both ends at once), raw parameters and buffers.
    [InlineData("falco-run_as_user_0_container.scap", "fd.ip=10.0.2.15")]
    [InlineData("falco-run_as_user_0_container.scap", "fd.ip in (1.2.3.4, 10.0.2.2)")]
    [InlineData("falco-run_as_user_0_container.scap", "fd.port<1024")]
    [InlineData("falco-run_as_user_0_container.scap", "fd.proto>=49289")]
    [InlineData("falco-run_as_user_0_container.scap", "fd.net=10.0.0.0/8")]
    [InlineData("falco-run_as_user_0_container.scap", "fd.cnet=10.0.2.2/32 and fd.snet=10.0.2.0/24")]
    [InlineData("falco-run_as_user_0_container.scap", "fd.lnet=10.0.2.15/32 and fd.is_server=true")]
    [InlineData("falco-run_as_user_0_container.scap", "evt.rawarg.res<0")]
    [InlineData("falco-run_as_user_0_container.scap", "evt.rawarg.res>=0 and evt.rawarg.res<3")]
    [InlineData("falco-run_as_user_0_container.scap", "evt.buffer startswith ls")]
    [InlineData("libs-curl_google.scap", "fd.connected=false and fd.type=ipv6")]
    [InlineData("libs-curl_google.scap", "fd.ip=2607:f8b0:4004:802::2004")]
    [InlineData("libs-curl_google.scap", "fd.net=2607:f8b0:4004:802::")]
    [InlineData("libs-curl_google.scap", "fd.net!=2607:f8b0:4004:802::")]
    [InlineData("libs-curl_google.scap", "fd.net!=10.0.0.0/8")]
    [InlineData("libs-curl_google.scap", "fd.port in (53, 80)")]
    [InlineData("libs-curl_google.scap", "fd.rnet=2001:4860:4860:: and fd.lnet=2600:1f18:262c:6542::")]
    [InlineData("libs-curl_google.scap", "evt.rawarg.res<0")]
    [InlineData("libs-curl_google.scap", "evt.rawarg.name contains /etc")]
    [InlineData("libs-curl_google.scap", "evt.buffer contains GET")]
    [InlineData("libs-curl_google.scap", "evt.arg[0] contains /lib and evt.arg[2] exists")]
    [InlineData("libs-single_ipv6_conn.scap", "fd.snet=2001:db8::")]
    [InlineData("libs-single_ipv6_conn.scap", "fd.ip!=2001:db8::3")]
    [InlineData("libs-single_ipv6_conn.scap", "fd.port!=1234")]
    [InlineData("libs-single_ipv6_conn.scap", "fd.cnet=2001:db8::")]
    public void A_filter_with_the_new_fields_and_operators_selects_what_sysdig_selects(string fixture, string filter)
    {
        var ours = AssertPrintsAsSysdig(fixture, filter);
        Assert.NotEmpty(ours.Lines);
    }

    // sysdig 0.29.3 prints group.gid 64 bits wide, the 32 above the gid being whatever lies
    // beside it (4294967316 for gid 20, 12884901888 for gid 0), so the two cannot agree line
    // for line; the gid is the low 32 bits, and those must be ours on every line.
    [Theory]
    [InlineData("falco-run_as_user_0_container.scap")]
    [InlineData("libs-curl_google.scap")]
    public void Group_gid_prints_the_low_32_bits_of_what_sysdig_prints(string fixture)
    {
        string[] args = ["-p", "*%evt.num %group.gid"];
        var theirs = Sysdig.Open(RepoPaths.Fixture(fixture), args).Lines;
        var ours = CaptureProcess.Run(["-r", RepoPaths.Fixture(fixture), .. args]).Lines;
        Assert.Equal(theirs.Select(LowGid), ours);
        Assert.Contains(ours, line => !line.EndsWith(" <NA>", StringComparison.Ordinal));
    }

    static string LowGid(string line)
    {
        var space = line.LastIndexOf(' ');
        return ulong.TryParse(line.AsSpan(space + 1), out var gid) ? $"{line[..space]} {(uint)gid}" : line;
    }

    // sysdig 0.29.3 reads "intersects" as "in" followed by garbage and refuses it; current libs
    // take it, and on a field with one value it selects what in does: so capture's intersects
    // is held to sysdig's in.
    [Theory]
    [InlineData("falco-run_as_user_0_container.scap", "proc.aname {0} (containerd, sshd) and evt.type {0} (read, write)")]
    [InlineData("libs-curl_google.scap", "fd.port {0} (53, 80)")]
    public void Intersects_selects_what_sysdig_selects_with_in(string fixture, string filter)
    {
        var path = RepoPaths.Fixture(fixture);
        var theirs = Sysdig.Open(path, string.Format(filter, "in"));
        var ours = CaptureProcess.Run("-r", path, string.Format(filter, "intersects"));
        Assert.Equal(0, ours.ExitCode);
        Assert.NotEmpty(ours.Lines);
        Assert.Equal(theirs.Output, ours.Output);
    }

    [Fact]
    public void An_unknown_event_type_is_refused_with_its_column_as_sysdig_refuses_it()
    {
        var path = RepoPaths.Fixture("libs-curl_google.scap");
        Assert.NotEqual(0, Sysdig.Read(path, "evt.type=opne").ExitCode);
        var ours = CaptureProcess.Run("-r", path, "proc.name=curl and evt.type=opne");
        Assert.NotEqual(0, ours.ExitCode);
        Assert.Empty(ours.Output);
        Assert.Contains("opne", ours.Error);
        Assert.Contains("column 29", ours.Error);
    }

    [Theory]
    [InlineData("fd.ip")]
    [InlineData("fd.port")]
    [InlineData("fd.proto")]
    [InlineData("fd.net")]
    [InlineData("fd.cnet")]
    [InlineData("fd.snet")]
    [InlineData("fd.lnet")]
    [InlineData("fd.rnet")]
    public void A_filter_only_field_is_listed_and_refused_in_an_output_format_as_sysdig_refuses_it(string field)
    {
        Assert.Matches($"(?m)^{System.Text.RegularExpressions.Regex.Escape(field)} +filters only", CaptureProcess.Run("-l").Output);
        var path = RepoPaths.Fixture("libs-curl_google.scap");
        Assert.NotEqual(0, Sysdig.Read(path, "-p", $"%evt.num %{field}").ExitCode);
        var ours = CaptureProcess.Run("-r", path, "-p", $"%evt.num %{field}");
        Assert.NotEqual(0, ours.ExitCode);
        Assert.Empty(ours.Output);
        Assert.Contains($"'%{field}' can be used in filters only", ours.Error);
    }

    [Fact]
    public void Each_new_field_and_operator_is_listed()
    {
        var listing = CaptureProcess.Run("-l").Output;
        var listed = s_fields.Select(f => System.Text.RegularExpressions.Regex.Replace(f, @"\[\d+\]", "[N]"))
            .Select(f => f.StartsWith("evt.rawarg.", StringComparison.Ordinal) ? "evt.rawarg.NAME" : f);
        foreach (var name in listed.Distinct())
            Assert.Matches($"(?m)^{System.Text.RegularExpressions.Regex.Escape(name)} +\\S", listing);
    }
}
