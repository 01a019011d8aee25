using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Capture.Host.Specs.EndToEnd;

/// <summary>
/// `capture` live on the real kernel: a child makes known calls while it runs, and what the
/// command prints, writes and reports is checked against them.
/// </summary>
public sealed class LiveCaptureSpecs
{
    static readonly string TestProgram = Path.Combine(RepoPaths.Root, "artifacts", "driver", "capture_testprog");

    [KernelFact]
    public void Json_lines_show_the_known_open_and_write_of_a_child_with_its_name_and_arguments()
    {
        var dir = Directory.CreateTempSubdirectory("capture-live-");
        try
        {
            var (result, pid) = CaptureWhile(dir.FullName, "-j", "--toctou-enter-events", "--syscalls", "openat,write,close");
            Assert.Equal(0, result.ExitCode);
            var ours = result.Lines.Select(l => JsonDocument.Parse(l).RootElement)
                .Where(e => e.GetProperty("thread.tid").GetInt64() == pid).ToList();

            var opens = ours.Where(e => e.GetProperty("evt.type").GetString() == "openat"
                && e.GetProperty("evt.args").GetProperty("name").GetString()!.EndsWith("/known-file")).ToList();
            // the TOCTOU enter event (the arguments as the kernel read them at entry), then the exit
            Assert.Equal([">", "<"], opens.Select(e => e.GetProperty("evt.dir").GetString()));
            Assert.Equal("262(O_TRUNC|O_CREAT|O_WRONLY)", opens[0].GetProperty("evt.args").GetProperty("flags").GetString());
            var open = opens[1];
            Assert.Equal("capture_testpro", open.GetProperty("proc.name").GetString());
            Assert.Matches(@"^\d+\(<f>/.+/known-file\)$", open.GetProperty("evt.args").GetProperty("fd").GetString());
            // O_WRONLY|O_CREAT|O_TRUNC in libs' encoding (0x106), plus O_F_CREATED (0x4000): the file was new.
            Assert.Equal("16646(O_TRUNC|O_CREAT|O_WRONLY|O_F_CREATED)", open.GetProperty("evt.args").GetProperty("flags").GetString());
            Assert.Equal("0640", open.GetProperty("evt.args").GetProperty("mode").GetString());

            var write = Assert.Single(ours, e => e.GetProperty("evt.type").GetString() == "write"
                && e.GetProperty("evt.args").GetProperty("res").GetString() == "100");
            Assert.StartsWith("abcdefghij", write.GetProperty("evt.args").GetProperty("data").GetString());
            Assert.DoesNotContain(ours, e => e.GetProperty("evt.type").GetString() == "getppid");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [KernelFact]
    public void A_file_written_live_opens_in_sysdig_with_the_childs_events_named()
    {
        var dir = Directory.CreateTempSubdirectory("capture-live-");
        try
        {
            var file = Path.Combine(dir.FullName, "live.scap");
            var (result, pid) = CaptureWhile(dir.FullName, "-w", file, "--sysdig-2022", "--toctou-enter-events", "--syscalls", "openat,write,close,connect");
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));

            var sysdig = Sysdig.Open(file);
            var lines = sysdig.Output.Split('\n').Where(l => l.Contains($" ({pid}) ")).ToList();
            // The fd number depends on what the child inherits (CI runs with standard input closed).
            Assert.Contains(lines, l => Regex.IsMatch(l, @"< openat fd=\d+\(<f>") && l.Contains("/known-file") && l.Contains("flags=16646(O_TRUNC|O_CREAT|O_WRONLY)"));
            Assert.Contains(lines, l => l.Contains("< connect res=0 tuple=127.0.0.1:") && l.Contains("->127.0.0.1:"));
            // The probe's own enter events (TOCTOU) are written as they are, and no second one is made up in front of their exits.
            Assert.Single(lines, l => Regex.IsMatch(l, @"> openat dirfd=-100\(AT_FDCWD\) name=\S+/known-file flags=262\(O_TRUNC\|O_CREAT\|O_WRONLY\) mode=0640"));
            var enter = Assert.Single(lines, l => l.Contains("> openat ") && l.Contains("/known-file"));
            var exit = Assert.Single(lines, l => l.Contains("< openat ") && l.Contains("/known-file"));
            // a real enter is stamped when the call began; one made up for sysdig would carry the exit's time
            Assert.True(string.CompareOrdinal(enter.Split(' ')[1], exit.Split(' ')[1]) < 0, $"enter not before exit: {enter} / {exit}");
            Assert.Single(lines, l => Regex.IsMatch(l, @"> connect fd=\d+\(<4>\) addr=127\.0\.0\.1:\d+"));
            Assert.Single(lines, l => l.Contains("> connect "));
            Assert.All(lines.Where(l => l.Contains("known-file")), l => Assert.Contains(" capture_testpro (", l));

            var ours = CaptureProcess.Run("-r", file);
            Assert.Equal(0, ours.ExitCode);
            Assert.Equal(lines.Count, ours.Lines.Count(l => l.Contains($" ({pid}) ")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [KernelFact]
    public void Failed_memory_calls_count_in_evt_count_error_memory_as_sysdig_counts_them_from_the_file()
    {
        // The fixtures have no failed memory call, so this field is compared on one made live:
        // an mprotect and a munmap refused (EINVAL) beside the same two calls succeeding.
        var dir = Directory.CreateTempSubdirectory("capture-live-");
        try
        {
            var file = Path.Combine(dir.FullName, "memory.scap");
            var (written, pid) = CaptureWhileRunning(["fail-memory"], 2, "-w", file, "--sysdig-2022", "--syscalls", "mprotect,munmap");
            Assert.Equal(0, written.ExitCode);
            var ours = SysdigAgreement.AssertFilePrintsAsSysdig(file,
                "-p", "*%evt.type %evt.rawres %evt.count.error %evt.count.error.memory %evt.count.error.other", $"proc.pid={pid} and evt.dir='<'");
            Assert.Equal(2, ours.Lines.Count(l => l.Contains(" -22 1 1 ", StringComparison.Ordinal)));
            Assert.Contains(ours.Lines, l => l.StartsWith("munmap 0 ", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [KernelFact]
    public void A_unix_connect_prints_the_servers_path_live_and_as_sysdig_shows_it_from_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("capture-live-");
        try
        {
            var path = Path.Combine(dir.FullName, "stream.sock");
            var connect = new Regex($@"< connect res=0 tuple=[0-9a-f]{{16}}->[0-9a-f]{{16}} {Regex.Escape(path)} ");
            var (live, livePid) = CaptureWhileRunning(["unix", dir.FullName], 2, "--syscalls", "connect");
            Assert.Equal(0, live.ExitCode);
            Assert.Single(live.Lines, l => l.Contains($" ({livePid}) ") && connect.IsMatch(l));

            // The same dialogue written for sysdig: every line of it, fd names included, must match.
            File.Delete(path);
            File.Delete(Path.Combine(dir.FullName, "dgram.sock"));
            var file = Path.Combine(dir.FullName, "unix.scap");
            var (written, pid) = CaptureWhileRunning(["unix", dir.FullName], 2, "-w", file, "--sysdig-2022", "--syscalls", "socket,bind,listen,connect,accept,sendto,recvfrom,close");
            Assert.Equal(0, written.ExitCode);
            var sysdig = Sysdig.Open(file);
            string[] types = [" socket ", " bind ", " listen ", " connect ", " accept ", " sendto ", " recvfrom ", " close "];
            List<string> Dialogue(IEnumerable<string> lines) => lines.Where(l => l.Contains($" ({pid}) ") && types.Any(l.Contains)).ToList();
            var theirs = Dialogue(sysdig.Output.Split('\n'));
            Assert.Contains(theirs, l => connect.IsMatch(l));
            Assert.Contains(theirs, l => l.Contains("< accept fd=") && l.Contains($" {path}) tuple="));
            Assert.Equal(theirs, Dialogue(CaptureProcess.Run("-r", file).Lines));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [KernelTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_summary_reconciles_delivered_and_dropped_events_with_what_the_kernel_saw(bool toFile)
    {
        var dir = Directory.CreateTempSubdirectory("capture-live-");
        try
        {
            // A file keeps every event; printed output shows only the selection (here a call the
            // child never makes), and the state calls the probe still sends are counted apart.
            string[] args = toFile ? ["-w", Path.Combine(dir.FullName, "all.scap"), "--syscalls", "openat,write,close"] : ["-q", "--syscalls", "getppid"];
            var (result, _) = CaptureWhile(dir.FullName, args);
            Assert.Equal(0, result.ExitCode);
            var summary = Regex.Match(result.Error,
                @"capture: (\d+) events in [^,;]*(?:, (\d+) state events outside the selection)?; dropped: (\d+) in the kernel, (\d+) corrupt, (\d+) unread at detach\ncapture: kernel saw (\d+),");
            Assert.True(summary.Success, result.Error);
            long Group(int i) => summary.Groups[i].Success ? long.Parse(summary.Groups[i].Value) : 0;
            Assert.Equal(Group(6), Group(1) + Group(2) + Group(3) + Group(4) + Group(5));
            if (toFile) Assert.False(summary.Groups[2].Success, "a file keeps every event, so none is state-only");
            else Assert.True(Group(2) > 0, "the probe still sends the child's opens and closes (state calls), though none is shown");
            // stderr is not a terminal here, so no status line (and no escape codes) may appear.
            Assert.DoesNotContain("\u001b[", result.Error);
            Assert.DoesNotContain("events/s  ", result.Error);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [KernelFact]
    public void A_socket_connected_before_the_capture_is_named_by_its_addresses_live_and_in_the_file()
    {
        using var tcp = LoopbackTcp.Open();

        var dir = Directory.CreateTempSubdirectory("capture-live-");
        try
        {
            var file = Path.Combine(dir.FullName, "sockets.scap");
            using var capture = CaptureProcess.Start("-w", file, "--sysdig-2022", "--syscalls", "sendto");
            var live = capture.StandardError.ReadLine();
            Assert.StartsWith("capture: capturing live", live);
            tcp.Client.Send("known bytes"u8);
            Thread.Sleep(300); // a poller pass and a flush
            CaptureProcess.Signal(capture.Id, "INT");
            capture.StandardError.ReadToEnd();
            capture.WaitForExit();
            Assert.Equal(0, capture.ExitCode);

            var expected = $"(<4t>{tcp.ClientTuple})";
            var ours = CaptureProcess.Run("-r", file);
            Assert.True(ours.Lines.Any(l => l.Contains(" sendto ") && l.Contains(expected)), string.Join("\n", ours.Lines.Where(l => l.Contains(" sendto "))));
            var sysdig = Sysdig.Open(file);
            var sysdigSends = sysdig.Output.Split('\n').Where(l => l.Contains(" sendto ")).ToList();
            Assert.True(sysdigSends.Any(l => l.Contains(expected)), string.Join("\n", sysdigSends));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [KernelFact]
    public void A_process_that_changed_user_is_filtered_and_printed_by_its_new_user()
    {
        // setpriv changes to nobody (setresuid, seen live) and then runs cat (execve carries the uid).
        using var capture = CaptureProcess.Start("-p", "%proc.name %user.uid %user.name %evt.type %fd.name",
            "user.uid=65534", "and", "evt.type=openat", "and", "evt.dir='<'", "and", "fd.name=/etc/passwd",
            // other specs run capture itself as nobody (LeastPrivilegeSpecs), and it reads /etc/passwd too
            "and", "proc.name=cat");
        var output = capture.StandardOutput.ReadToEndAsync();
        Assert.StartsWith("capture: capturing live", capture.StandardError.ReadLine());
        using (var child = Process.Start(new ProcessStartInfo("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "cat", "/etc/passwd"])
            { RedirectStandardOutput = true })!)
        {
            child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            Assert.Equal(0, child.ExitCode);
        }
        Thread.Sleep(300); // a poller pass and a flush
        CaptureProcess.Signal(capture.Id, "INT");
        capture.StandardError.ReadToEnd();
        capture.WaitForExit();
        Assert.Equal(0, capture.ExitCode);
        var name = File.ReadLines("/etc/passwd").Select(l => l.Split(':')).First(f => f.Length > 2 && f[2] == "65534")[0]; // nobody on Debian
        Assert.Equal([$"cat 65534 {name} openat /etc/passwd"], output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [KernelFact]
    public void Udp_sockets_are_named_client_to_server_as_sysdig_names_them()
    {
        var dir = Directory.CreateTempSubdirectory("capture-live-");
        try
        {
            var file = Path.Combine(dir.FullName, "udp.scap");
            using var capture = CaptureProcess.Start("-w", file, "--sysdig-2022");
            Assert.StartsWith("capture: capturing live", capture.StandardError.ReadLine());
            // Both sockets are made during the capture: sysdig 0.29.3 garbles the remote address
            // of a bound UDP socket it learned from the fd list. The client sends first and the
            // server receives first: their roles, and so the way each name reads, come from that.
            using var server = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
            server.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
            var port = ((System.Net.IPEndPoint)server.LocalEndPoint!).Port;
            using var client = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
            client.SendTo("ping"u8, server.LocalEndPoint!);
            var buffer = new byte[16];
            System.Net.EndPoint from = new System.Net.IPEndPoint(System.Net.IPAddress.Any, 0);
            server.ReceiveFrom(buffer, ref from);
            server.SendTo("pong"u8, from);
            client.ReceiveFrom(buffer, ref from);
            Thread.Sleep(300); // a poller pass and a flush
            CaptureProcess.Signal(capture.Id, "INT");
            capture.StandardError.ReadToEnd();
            capture.WaitForExit();
            Assert.Equal(0, capture.ExitCode);

            List<string> Exchange(IEnumerable<string> lines) => lines.Where(l => l.Contains($":{port}")).ToList();
            var sysdig = Sysdig.Open(file);
            var theirs = Exchange(sysdig.Output.Split('\n'));
            Assert.True(theirs.Count(l => l.Contains("(<4u>")) >= 2, string.Join("\n", theirs));
            var ours = Exchange(CaptureProcess.Run("-r", file).Lines);
            Assert.True(theirs.SequenceEqual(ours), $"sysdig:\n{string.Join("\n", theirs)}\ncapture:\n{string.Join("\n", ours)}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [KernelFact]
    public void A_filter_shows_only_the_matching_events_of_a_live_capture_and_the_summary_counts_the_rest()
    {
        var dir = Directory.CreateTempSubdirectory("capture-live-");
        try
        {
            var (result, pid) = CaptureWhile(dir.FullName, "-j", "proc.name=capture_testpro", "and", "evt.type=openat", "and", "fd.name", "contains", "known-file");
            Assert.Equal(0, result.ExitCode);
            var events = result.Lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.NotEmpty(events);
            Assert.All(events, e =>
            {
                Assert.Equal("openat", e.GetProperty("evt.type").GetString());
                Assert.Equal(pid, e.GetProperty("thread.tid").GetInt64());
                Assert.EndsWith("/known-file)", e.GetProperty("evt.args").GetProperty("fd").GetString());
            });
            Assert.Matches(@"capture: \d+ events in .*, \d+ left out by the filter", result.Error);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [KernelFact]
    public void A_process_with_a_command_line_longer_than_libscap_reads_does_not_make_the_file_unreadable()
    {
        // sysdig refused the whole file ("invalid argslen") when any process on the machine had
        // more than 4096 bytes of arguments; CI's own runner has such a command line.
        using var sleeper = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "sleep 60", "long-args", new string('a', 6000)]))!;
        var dir = Directory.CreateTempSubdirectory("capture-live-");
        try
        {
            var file = Path.Combine(dir.FullName, "live.scap");
            var (result, _) = CaptureWhile(dir.FullName, "-w", file, "--sysdig-2022", "--syscalls", "openat");
            Assert.Equal(0, result.ExitCode);
            using (var reader = Native.Files.ScapFileReader.Open(file))
            {
                var listed = Assert.Single(reader.Threads, t => t.Tid == sleeper.Id);
                Assert.Equal(["-c", "sleep 60", "long-args", new string('a', 4096 - 3 - 9 - 10 - 1)], listed.Args);
            }
            Assert.NotEmpty(Sysdig.Open(file).Output);
        }
        finally
        {
            sleeper.Kill();
            dir.Delete(recursive: true);
        }
    }

    [KernelFact]
    public void A_capture_started_in_the_background_still_stops_cleanly_on_SIGINT()
    {
        // A shell starts `capture ... &` with SIGINT ignored; the ignored disposition survives exec.
        var start = new ProcessStartInfo("bash", ["-c", "trap '' INT; exec dotnet \"$0\" -q", Path.Combine(AppContext.BaseDirectory, "capture.dll")])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var capture = Process.Start(start)!;
        var live = capture.StandardError.ReadLine();
        Assert.StartsWith("capture: capturing live", live);
        CaptureProcess.Signal(capture.Id, "INT");
        var rest = capture.StandardError.ReadToEndAsync();
        var exited = capture.WaitForExit(TimeSpan.FromSeconds(30));
        if (!exited) capture.Kill();
        Assert.True(exited, "capture ignored SIGINT");
        Assert.Equal(0, capture.ExitCode);
        Assert.Contains("capture: kernel saw ", rest.Result);
    }

    [KernelFact]
    public void A_file_written_live_and_killed_with_9_reads_cleanly_up_to_its_last_whole_block()
    {
        var dir = Directory.CreateTempSubdirectory("capture-live-");
        try
        {
            var file = Path.Combine(dir.FullName, "killed.scap");
            var (_, pid) = CaptureWhile(dir.FullName, signal: 9, "-w", file, "--syscalls", "openat,write,close");
            var read = CaptureProcess.Run("-r", file);
            Assert.Equal(0, read.ExitCode);
            Assert.Contains("0 errors", read.Error);
            Assert.Contains(read.Lines, l => l.Contains($" ({pid}) < openat") && l.Contains("/known-file"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [KernelFact]
    public void Without_the_capabilities_the_probe_needs_capture_says_which_in_one_line()
    {
        // Root with an empty capability bounding set keeps its files but loses CAP_BPF and
        // CAP_PERFMON (and everything else): the probe cannot create its rings.
        var start = new ProcessStartInfo("setpriv", ["--bounding-set=-all", "--inh-caps=-all",
            "dotnet", Path.Combine(AppContext.BaseDirectory, "capture.dll"), "-n", "1"])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var capture = Process.Start(start)!;
        var error = capture.StandardError.ReadToEnd();
        capture.StandardOutput.ReadToEnd();
        capture.WaitForExit();
        Assert.Equal(1, capture.ExitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("capture: loading modern_bpf failed: ", line);
        Assert.Contains("CAP_BPF", line);
    }

    [Fact]
    public void A_bad_buffer_size_is_refused_in_one_line_before_anything_is_loaded()
    {
        var result = CaptureProcess.Run("--buffer-size", "3000000", "-n", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["capture: buffer size 3000000 must be a power of two of at least the page size (4096 bytes), e.g. 8388608"],
            result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_output_file_that_cannot_be_created_is_refused_in_one_line_naming_it(bool rewriting)
    {
        var path = $"/nonexistent-{Guid.NewGuid():N}/out.scap";
        string[] args = rewriting ? ["-r", RepoPaths.Fixture("libs-curl_google.scap"), "-w", path] : ["-w", path, "-n", "1"];
        var result = CaptureProcess.Run(args);
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"capture: cannot write {path}: ", line);
    }

    /// <summary>Runs capture with the arguments, runs the known calls once it says it is live, then stops it with Ctrl-C.</summary>
    static (CaptureProcess.Result Result, int Pid) CaptureWhile(string dir, params string[] args) => CaptureWhile(dir, signal: 2, args);

    /// <summary>The same, ending capture with <paramref name="signal"/> (2: Ctrl-C; 9: killed).</summary>
    static (CaptureProcess.Result Result, int Pid) CaptureWhile(string dir, int signal, params string[] args) =>
        CaptureWhileRunning(["calls", dir], signal, args);

    /// <summary>Runs capture with the arguments while the test program runs in <paramref name="mode"/> (its first line: "pid N").</summary>
    static (CaptureProcess.Result Result, int Pid) CaptureWhileRunning(string[] mode, int signal, params string[] args)
    {
        using var capture = LiveCapture.Start(args);

        var child = Process.Start(new ProcessStartInfo(TestProgram, mode) { RedirectStandardOutput = true })!;
        var childOutput = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        Assert.True(child.ExitCode == 0, $"capture_testprog {string.Join(' ', mode)} exited {child.ExitCode}");
        var pid = int.Parse(childOutput.Split('\n')[0].Split(' ')[1]);

        Thread.Sleep(signal == 9 ? 1000 : 300); // let the poller drain what the child left, and a flush pass
        return (capture.Stop(signal.ToString()), pid);
    }
}
