using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace Capture.Host.Specs.EndToEnd;

/// <summary>
/// `capture --driver kmod` against the real kernel module, in a qemu guest running Debian's
/// 6.1 kernel (this machine's kernel cannot load modules). The module is built from this tree
/// (driver/kmod/build.sh), the guest is booted once for the whole class
/// (<see cref="KmodVmRun"/>: scripts/vm/kmod-capture-checks.sh does every step and prints
/// what it saw), and each fact checks one part of that output. Skipped with the reason where
/// qemu, busybox, root or the guest kernel's headers cannot be had.
/// </summary>
public sealed class KmodVmSpecs(KmodVmRun vm, ITestOutputHelper log) : IClassFixture<KmodVmRun>
{
    [KmodVmFact]
    public void Capture_info_must_say_the_module_is_loaded_with_its_versions()
    {
        var info = vm.Section("info", log);
        Assert.Matches(@"^ok +kmod: module loaded: API 0\.1\.0 \(this build speaks 0\.1\.0\), schema \d+\.\d+\.\d+ \(this build: \d+\.\d+\.\d+\); \d+ syscall numbers traceable; rings of 262144 bytes per CPU$", info.Trim());
    }

    [KmodVmFact]
    public void Capture_with_the_module_must_print_the_childs_three_opens_of_dev_null_with_their_exact_arguments()
    {
        var capture = vm.Section("capture", log);
        Assert.Contains("live: yes", capture);
        Assert.Contains("exit: 0", capture);
        var json = Between(capture, "-- json", "-- stderr").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, json.Count);
        foreach (var open in json)
        {
            Assert.Equal("openat", open.GetProperty("evt.type").GetString());
            Assert.Equal("<", open.GetProperty("evt.dir").GetString());
            var args = open.GetProperty("evt.args");
            Assert.Equal("/dev/null", args.GetProperty("name").GetString());
            Assert.Equal("-100(AT_FDCWD)", args.GetProperty("dirfd").GetString());
            // testprog's loop: openat(AT_FDCWD, "/dev/null", O_RDONLY) with 0-2 open and /dev/zero on 3
            Assert.Equal("1(O_RDONLY)", args.GetProperty("flags").GetString());
            Assert.Equal("4(<f>/dev/null)", args.GetProperty("fd").GetString());
        }
        // one thread made all three, one after the other
        Assert.Single(json.Select(e => e.GetProperty("thread.tid").GetInt64()).Distinct());
        var times = json.Select(e => e.GetProperty("evt.outputtime").GetUInt64()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Contains("capture: capturing live", capture);
        Assert.Contains("dropped: 0 in the kernel, 0 corrupt", capture);
    }

    [KmodVmFact]
    public void The_module_must_not_unload_under_a_running_capture()
    {
        var capture = vm.Section("capture", log);
        Assert.Contains("rmmod while capturing: refused", capture);
    }

    [KmodVmFact]
    public void A_module_replaced_during_a_capture_must_be_renegotiated_with_the_stream_kept_up_and_the_gap_reported()
    {
        var reload = vm.Section("reload", log);
        Assert.Contains("live: yes", reload);
        Assert.Contains("detached: 1", reload);
        // the capture let go of the detached module's devices by itself: nothing else closes them
        Assert.Matches(@"rmmod after detach: ok within \d+ s", reload);
        Assert.Contains("insmod of the replacement (schema minor 99): ok", reload);
        Assert.Contains("running again: yes", reload);
        Assert.Contains("exit: 0", reload);
        var stderr = reload[reload.IndexOf("-- stderr", StringComparison.Ordinal)..];
        // noticed: the old module's ioctls answered ENODEV
        Assert.Matches(@"capture: error: ring \d+ faulted: the kernel module stopped answering: ioctl \w+ on /dev/capture-kmod\d+ failed: .*\(errno 19\)", stderr);
        // renegotiated with the new module, whose schema minor differs from the one before
        Assert.Matches(@"capture: warning: kmod renegotiated and running again after the gap: API \S+, schema \d+\.99\.\d+ \(before the gap: API \S+, schema \d+\.(?!99\.)\d+\.\d+\)", stderr);
        // one stream: the three opens from before the reload and the three from after, in one
        // output, in time order, by two children
        var json = Between(reload, "-- json", "-- stderr").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(6, json.Count);
        Assert.All(json, open => Assert.Equal("4(<f>/dev/null)", open.GetProperty("evt.args").GetProperty("fd").GetString()));
        var tids = json.Select(e => e.GetProperty("thread.tid").GetInt64()).ToList();
        Assert.Single(tids.Take(3).Distinct());
        Assert.Single(tids.Skip(3).Distinct());
        Assert.NotEqual(tids[0], tids[3]);
        var times = json.Select(e => e.GetProperty("evt.outputtime").GetUInt64()).ToList();
        Assert.Equal(times.Order(), times);
        // and the gap is reported in the summary, between the two halves, with its reason
        var gap = System.Text.RegularExpressions.Regex.Match(stderr, @"capture:   gap(?: of (\d+\.\d+) s)?, (\d+) events lost: (.*)");
        Assert.Contains("capture: 1 gap in the stream", stderr);
        Assert.True(gap.Success, $"no gap line in:\n{stderr}");
        Assert.Contains("the kernel module stopped answering", gap.Groups[3].Value);
        if (gap.Groups[1].Success)
            Assert.True(double.Parse(gap.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 0.005 <= (times[3] - times[2]) / 1e9,
                "the gap must lie between the last event before the reload and the first after it");
        Assert.Contains("dropped: 0 in the kernel, 0 corrupt", stderr);
    }

    [KmodVmFact]
    public void A_module_speaking_another_API_major_must_be_refused_naming_both_versions()
    {
        var refusal = vm.Section("refusal", log);
        Assert.Contains("reloaded with report_api_major=1", refusal);
        Assert.Contains("exit: 1", refusal);
        Assert.Matches(@"capture: loading kmod failed: driver 'kmod \(/dev/capture-kmod0\)' is incompatible: it has API version 1\.1\.0 and schema version \S+, this build requires API 0\.1\.0 and schema \S+", refusal);
        Assert.Contains("rmmod: ok", refusal);
    }

    [KmodVmCompareFact]
    public void The_module_must_capture_a_workload_with_the_same_events_and_parameters_as_the_modern_probe()
    {
        var kmod = vm.DriverCapture("kmod", log);
        var modern = vm.DriverCapture("modern", log);
        var comparison = CaptureComparison.Of("kmod", kmod.Json, kmod.Root, "modern", modern.Json, modern.Root);
        log.WriteLine($"workload events: kmod {comparison.EventsOf["kmod"]}, modern {comparison.EventsOf["modern"]}; " +
                      $"equal {comparison.Matched} of {comparison.Total} ({comparison.EqualShare:P2}); {comparison.Differences.Count} differences:");
        foreach (var difference in comparison.Differences) log.WriteLine(difference);
        Assert.True(comparison.Total >= 500, $"only {comparison.Total} workload events: the workload did not run under both drivers");
        Assert.True(comparison.EqualShare >= 0.99, $"only {comparison.EqualShare:P2} of the workload's events are equal");
        // the fillers the module shares last with the probe are among the compared events: those
        // the workload makes (the guest's dash starts commands with vfork, and nothing in the
        // workload starts a thread, so clone and clone3 come only from outside its tree), and
        // the module made every process-starting call the probe saw it make
        var types = CaptureComparison.Reduce(kmod.Json, kmod.Root).Select(e => e.Split(' ')[1]).ToHashSet();
        Assert.Superset(new HashSet<string> { "vfork", "execve", "execveat", "open_by_handle_at" }, types);
        var starting = new HashSet<string> { "clone", "clone3", "fork", "vfork", "execve", "execveat" };
        var probeStarting = CaptureComparison.Reduce(modern.Json, modern.Root).Select(e => e.Split(' ')[1]).Where(starting.Contains).ToHashSet();
        Assert.Superset(probeStarting, types);
    }

    [KmodVmCompareFact]
    public void Both_drivers_must_capture_the_workload_without_drops_at_the_default_buffer_size()
    {
        foreach (var driver in new[] { "kmod", "modern" })
        {
            var capture = vm.DriverCapture(driver, log);
            Assert.Contains("exit: 0", capture.Section);
            // what the buffer size decides: nothing lost in the kernel, none unreadable or left unread
            Assert.Matches(@"(?m)^capture: \d+ events in .*; dropped: 0 in the kernel, 0 corrupt, 0 unread at detach(,|$)", capture.Section);
            Assert.Matches(@"(?m)^capture: kernel saw \d+, dropped 0 ring full, 0 too large, 0 no buffer", capture.Section);
            // the merge's own drops (an event later than its ring's watermark promised) are said, not hidden
            if (System.Text.RegularExpressions.Regex.Match(capture.Section, @"\d+ Late at merge") is { Success: true } late)
                log.WriteLine($"{driver}: {late.Value} (not a buffer drop: the event came after its ring's watermark had passed it)");
        }
    }

    [KmodVmCompareFact]
    public void Each_drivers_added_cost_per_syscall_must_be_measured_in_the_same_guest()
    {
        var cost = vm.Section("cost", log);
        var loops = System.Text.RegularExpressions.Regex.Matches(cost, @"(?m)^cost (none|kmod|modern) (getppid|read1) (\d+) (\d+\.\d) (\d+\.\d)$")
            .ToDictionary(m => (m.Groups[1].Value, m.Groups[2].Value),
                m => (Wall: double.Parse(m.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture),
                      Cpu: double.Parse(m.Groups[5].Value, System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var kind in new[] { "getppid", "read1" })
        {
            Assert.True(loops.ContainsKey(("none", kind)), $"no '{kind}' loop without a capture in:\n{cost}");
            foreach (var driver in new[] { "kmod", "modern" })
            {
                Assert.True(loops.ContainsKey((driver, kind)), $"no '{kind}' loop under {driver} in:\n{cost}");
                log.WriteLine($"added by {driver} per {kind}: {loops[(driver, kind)].Wall - loops[("none", kind)].Wall:F0} ns wall, " +
                              $"{loops[(driver, kind)].Cpu - loops[("none", kind)].Cpu:F0} ns CPU (the loop alone: {loops[("none", kind)].Wall:F0} ns)");
            }
        }
    }

    static string Between(string text, string from, string to)
    {
        var start = text.IndexOf(from, StringComparison.Ordinal);
        var end = text.IndexOf(to, start + from.Length, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"no '{from}' … '{to}' in:\n{text}");
        return text[(start + from.Length)..end];
    }
}

/// <summary>
/// Builds the module and boots the guest once for every fact of <see cref="KmodVmSpecs"/>, on
/// first use (a class whose facts are all skipped never boots it).
/// </summary>
public sealed class KmodVmRun
{
    const string ModuleDir = "/var/tmp/capture-kmod-spec"; // read by the guest through --host-var-tmp
    readonly Lazy<(string Output, TimeSpan Took)> _run = new(Run);

    /// <summary>The lines a step printed, between its "== name" marker and the next.</summary>
    public string Section(string name, ITestOutputHelper log, bool quiet = false)
    {
        var (output, took) = _run.Value;
        log.WriteLine($"guest run took {took.TotalSeconds:F0} s (boot, module build not included; its output: {ModuleDir}/guest-output.txt)");
        var lines = output.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith($"== {name}", StringComparison.Ordinal));
        Assert.True(start >= 0, $"the guest never reached step '{name}'; it printed:\n{output}");
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("== ", StringComparison.Ordinal));
        var section = string.Join('\n', lines[(start + 1)..(end < 0 ? lines.Length : end)]);
        if (!quiet) log.WriteLine(section);
        return section;
    }

    /// <summary>One driver's capture of kmod-compare.sh's workload, read back with `capture -r -j` here.</summary>
    public sealed record Capture(string Section, long Root, IReadOnlyList<string> Json);

    readonly Dictionary<string, Capture> _captures = [];

    public Capture DriverCapture(string driver, ITestOutputHelper log)
    {
        lock (_captures)
        {
            if (_captures.TryGetValue(driver, out var known)) return known;
            var section = Section($"compare-{driver}", log, quiet: true);
            log.WriteLine(section[..section.IndexOf("-- scap", StringComparison.Ordinal)] + section[section.IndexOf("-- stderr", StringComparison.Ordinal)..]);
            var root = long.Parse(System.Text.RegularExpressions.Regex.Match(section, @"workload pid: (\d+)").Groups[1].Value);
            var start = section.IndexOf("-- scap", StringComparison.Ordinal) + "-- scap".Length;
            var base64 = section[start..section.IndexOf("-- stderr", StringComparison.Ordinal)];
            var file = Path.Combine(Path.GetTempPath(), $"kmod-compare-{driver}-{Environment.ProcessId}.scap");
            using (var gzip = new System.IO.Compression.GZipStream(new MemoryStream(Convert.FromBase64String(base64.Replace("\n", "").Trim())), System.IO.Compression.CompressionMode.Decompress))
            using (var output = File.Create(file))
                gzip.CopyTo(output);
            try
            {
                var json = Shell("dotnet", [Path.Combine(AppContext.BaseDirectory, "capture.dll"), "-r", file, "-j"], TimeSpan.FromMinutes(2));
                return _captures[driver] = new Capture(section, root, json.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }
            finally
            {
                File.Delete(file);
            }
        }
    }

    static (string, TimeSpan) Run()
    {
        // A saved guest run (run-in-vm.sh's output of kmod-capture-checks.sh) is checked as is,
        // without a boot: for looking into a failure
        if (Environment.GetEnvironmentVariable("KMOD_VM_OUTPUT") is { Length: > 0 } saved)
            return (File.ReadAllText(saved), TimeSpan.Zero);
        var root = RepoPaths.Root;
        var headers = Shell(Path.Combine(root, "scripts/vm/kmod-headers.sh"), [], TimeSpan.FromMinutes(5)).Trim();
        Shell(Path.Combine(root, "driver/kmod/build.sh"), [headers, ModuleDir], TimeSpan.FromMinutes(10));
        // capture precompiled (ReadyToRun): under TCG, JIT made every start take minutes
        var capture = Shell(Path.Combine(root, "scripts/vm/publish-r2r.sh"), [], TimeSpan.FromMinutes(10)).Trim();
        var clock = Stopwatch.StartNew();
        var output = Shell(Path.Combine(root, "scripts/vm/run-in-vm.sh"),
            ["--host-var-tmp", "--", "sh", Path.Combine(root, "scripts/vm/kmod-capture-checks.sh"), ModuleDir,
             capture, Path.Combine(root, "artifacts", "driver", "capture_testprog"),
             KmodVmCompareFactAttribute.Wanted ? "compare" : "none"],
            KmodVmCompareFactAttribute.Wanted ? TimeSpan.FromMinutes(30) : TimeSpan.FromMinutes(15));
        // kept for looking into a failure without a boot: KMOD_VM_OUTPUT=this file
        File.WriteAllText(Path.Combine(ModuleDir, "guest-output.txt"), output);
        return (output, clock.Elapsed);
    }

    static string Shell(string file, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} ran longer than {timeout}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{error.Result}\n{output.Result}");
        return output.Result;
    }
}

/// <summary>
/// A fact that needs the qemu guest: skipped with the reason (xunit 2 decides at discovery)
/// when qemu or busybox is missing, when not root (the guest's 9p root and insmod), or when the
/// guest kernel's headers cannot be fetched (scripts/vm/kmod-headers.sh, cached after the first time).
/// </summary>
public sealed class KmodVmFactAttribute : FactAttribute
{
    static readonly Lazy<string?> s_missing = new(Missing);

    public KmodVmFactAttribute()
    {
        if (s_missing.Value is { } missing) Skip = $"the kernel module VM specs cannot run here: {missing}";
    }

    static string? Missing()
    {
        if (Environment.UserName != "root") return "not root";
        if (!OnPath("qemu-system-x86_64")) return "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)";
        if (!File.Exists("/bin/busybox")) return "/bin/busybox is missing (apt-get install busybox-static)";
        if (!OnPath("gcc") || !OnPath("make")) return "gcc and make are needed to build the module";
        if (!File.Exists(Path.Combine(RepoPaths.Root, "artifacts", "driver", "capture_testprog"))) return "artifacts/driver/capture_testprog is not built";
        try
        {
            using var headers = Process.Start(new ProcessStartInfo(Path.Combine(RepoPaths.Root, "scripts/vm/kmod-headers.sh"))
                { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var error = headers.StandardError.ReadToEndAsync();
            _ = headers.StandardOutput.ReadToEnd();
            if (!headers.WaitForExit(TimeSpan.FromMinutes(5))) return "fetching the guest kernel's headers took more than 5 minutes";
            if (headers.ExitCode != 0) return $"the guest kernel's headers cannot be had (scripts/vm/kmod-headers.sh: {error.Result.Trim().Split('\n').LastOrDefault()})";
        }
        catch (Exception e)
        {
            return $"scripts/vm/kmod-headers.sh cannot run: {e.Message}";
        }
        return null;
    }

    static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));
}

/// <summary>
/// A fact on the kmod-vs-modern comparison (kmod-compare.sh in the same guest boot), which adds
/// several minutes to the guest run under TCG: run only with KMOD_VM_COMPARE=1.
/// </summary>
public sealed class KmodVmCompareFactAttribute : FactAttribute
{
    public static bool Wanted => Environment.GetEnvironmentVariable("KMOD_VM_COMPARE") == "1";

    public KmodVmCompareFactAttribute()
    {
        if (!Wanted) Skip = "the kmod-vs-modern comparison runs only with KMOD_VM_COMPARE=1 (it adds minutes to the guest run)";
        else if (new KmodVmFactAttribute().Skip is { } skip) Skip = skip;
    }
}
