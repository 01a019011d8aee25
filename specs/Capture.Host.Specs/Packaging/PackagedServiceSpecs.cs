using System.Diagnostics;
using System.Text.RegularExpressions;
using Capture.Host.Specs.Hosting;
using Capture.Specs.Support;
using Microsoft.Extensions.Configuration;
using Xunit.Abstractions;

namespace Capture.Host.Specs.Packaging;

/// <summary>
/// Issue 14's "done when", with systemd not PID 1 here: the package installed in a scratch
/// root, the directories made as systemd makes the unit's StateDirectory and LogsDirectory,
/// and the installed unit's ExecStart run by hand as systemd would run it: as the capture user
/// from the root's passwd, holding the unit's capabilities as ambient ones and no others, with
/// no new privileges, in its working directory, reading the installed settings. It captures a
/// known workload with the real probe into rotated scap files that the installed capture and
/// sysdig read whole, /healthz answers, /metrics counts exactly the events the files hold, and
/// SIGTERM (what `systemctl stop` sends) stops it cleanly.
/// </summary>
public sealed partial class PackagedServiceSpecs(InstalledCapture installed, ITestOutputHelper report) : IClassFixture<InstalledCapture>
{
    // The workload: a copy of cat under a name nobody else runs, opening a marker file
    // MarkerOpens times in each of Runs runs: about 430 events the scap output keeps, which
    // EventsPerFile splits into about five files (fewer than the shipped Keep of 10, so no
    // file is replaced and every event written is still there to count).
    const int Runs = 10;
    const int MarkerOpens = 40;
    const int EventsPerFile = 100;

    [KernelFact]
    public async Task The_units_ExecStart_with_the_installed_settings_writes_rotated_files_that_capture_and_sysdig_read_and_metrics_count_exactly()
    {
        var service = installed.Service;
        var user = service["User"];
        var (uid, gid) = (installed.Account(user, 2), installed.Account(user, 3));
        var state = $"/var/lib/{service["StateDirectory"]}";
        var logs = $"/var/log/{service["LogsDirectory"]}";
        foreach (var dir in new[] { state, logs })
        {
            // As systemd makes them before ExecStart (postinst made them already; this is what systemd guarantees).
            Directory.CreateDirectory(installed.Root.At(dir));
            Tool.Succeed("chown", $"{uid}:{gid}", installed.Root.At(dir));
        }

        // The shipped outputs write where ProtectSystem=strict lets the service write; run from
        // the scratch root (no chroot), each path is the same path under it.
        var settings = new ConfigurationBuilder().AddJsonFile(installed.Root.At("/etc/capture/appsettings.json")).Build();
        var outputs = settings.GetSection("Capture:Outputs").GetChildren().ToList();
        var scapIndex = outputs.FindIndex(o => o["Kind"] == "Scap");
        Assert.True(scapIndex >= 0, "the installed settings have no scap output");
        var scap = outputs[scapIndex];
        Assert.True(scap["FileSizeMb"] is not null || scap["Seconds"] is not null || scap["EventsPerFile"] is not null, "the shipped scap output does not rotate");
        var keep = int.Parse(scap["Keep"] ?? int.MaxValue.ToString());
        Assert.All(outputs, o => Assert.True(o["Path"]!.StartsWith(state + "/") || o["Path"]!.StartsWith(logs + "/"),
            $"{o["Path"]} is outside {state} and {logs}, the only directories the unit can write"));

        var work = Directory.CreateTempSubdirectory("capture-workload-").FullName;
        try
        {
            var name = "capwl" + Guid.NewGuid().ToString("N")[..6];
            var program = Path.Combine(work, name);
            File.Copy("/usr/bin/cat", program);
            File.SetUnixFileMode(program, (UnixFileMode)0b111_101_101);
            var marker = Path.Combine(work, "marker");
            File.WriteAllText(marker, "");

            var port = MetricsText.FreePort();
            var environment = new Dictionary<string, string>
            {
                ["HOME"] = installed.Root.At(installed.Account(user, 5)),
                ["CAPTURE_Metrics__Port"] = port.ToString(),
                // Only the workload's events, so that once it has ended nothing more comes.
                ["CAPTURE_Capture__Filter"] = $"proc.name={name}",
                [$"CAPTURE_Capture__Outputs__{scapIndex}__EventsPerFile"] = EventsPerFile.ToString(),
            };
            for (var i = 0; i < outputs.Count; i++)
                environment[$"CAPTURE_Capture__Outputs__{i}__Path"] = installed.Root.At(outputs[i]["Path"]!);
            var scapPath = installed.Root.At(scap["Path"]!);
            var label = $"scap {scapPath}";

            using var process = Start(service, uid, gid, environment);
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            string metrics, health;
            try
            {
                // Ready: the probe runs and the outputs are open.
                await Until(process, async () => (await Get(http, port, "readyz")).Code == 200, "readyz never answered 200", output, error);
                for (var run = 0; run < Runs; run++)
                    Tool.Succeed(program, Enumerable.Repeat(marker, MarkerOpens).ToArray());

                // The workload is over, so its last events are somewhere between the rings and the
                // file; once the output's counts stand still with nothing queued for it, they are
                // final (a straggler after this would make the files hold more and fail below).
                (long, long) last = (-1, -1);
                var still = 0;
                metrics = "";
                await Until(process, async () =>
                {
                    metrics = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
                    var now = (Written(metrics, label), FileEvents(metrics, label));
                    var queued = MetricsText.Value(metrics, $"capture_sink_queued_events{{sink=\"{label}\"}}");
                    still = now == last && now.Item1 > 0 && queued == 0 ? still + 1 : 0;
                    last = now;
                    return still >= 4;
                }, "the scap output's counts never settled", output, error);
                health = (await Get(http, port, "healthz")) is var (code, text) && code == 200 ? text : $"{code} {text}";
            }
            finally
            {
                if (!process.HasExited) CaptureProcess.Signal(process.Id, "TERM");
            }
            var stopped = process.WaitForExit(TimeSpan.FromSeconds(30));
            var log = await output + await error;
            Assert.True(stopped, "serve did not stop within 30 s of SIGTERM");
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {log}");
            Assert.Equal("ok", health);
            Assert.Contains("driver running", log);
            Assert.Contains("modern_bpf", log);
            Assert.DoesNotContain("   at ", log); // no stack trace

            // Several files, each a whole capture that the installed capture and sysdig read to its end.
            var files = Directory.GetFiles(Path.GetDirectoryName(scapPath)!, Path.GetFileName(scapPath) + "*").Order().ToArray();
            Assert.True(files.Length >= 2 && files.Length < keep, $"{files.Length} files; the workload must rotate into several and fewer than Keep={keep}: {string.Join(", ", files)}");
            var capture = installed.Root.At("/usr/bin/capture");
            long events = 0, exits = 0, markerOpens = 0;
            var perFile = new List<long>();
            foreach (var file in files)
            {
                var all = Read(capture, file);
                perFile.Add(all);
                events += all;
                exits += Read(capture, file, "evt.dir='<'");
                markerOpens += Read(capture, file, $"evt.type=openat and evt.dir='<' and fd.name={marker}");
                var sysdig = Sysdig.Open(file, "-p", "%evt.num");
                Assert.True(sysdig.Lines.Length == all, $"sysdig read {sysdig.Lines.Length} events of {file}, capture {all}");
            }

            // /metrics counted exactly what the files hold: every event the output took (exits
            // only: the probe sends no enter events unless asked), and every block in its files
            // (with Sysdig2022, each exit's enter too).
            var written = Written(metrics, label);
            var fileEvents = FileEvents(metrics, label);
            report.WriteLine($"done-when: {files.Length} files, events per file [{string.Join(", ", perFile)}], " +
                $"{events} events in all ({exits} exits); /metrics: written {written}, file events {fileEvents}");
            Assert.Equal(fileEvents, events);
            Assert.Equal(written, exits);
            // The known workload is in them whole.
            Assert.True(Runs * MarkerOpens == markerOpens, $"{markerOpens} opens of {marker}, not {Runs * MarkerOpens}; the exits in the files:\n" +
                string.Join('\n', files.SelectMany(f => Tool.Run(capture, ["-r", f, "-p", "%evt.type %fd.name %proc.name", "evt.dir='<'"]).Output.Split('\n'))
                    .GroupBy(l => l).Select(g => $"{g.Count()} {g.Key}")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    Process Start(IReadOnlyDictionary<string, string> service, string uid, string gid, Dictionary<string, string> environment)
    {
        // ExecStart as the installed unit has it, word for word.
        var command = service["ExecStart"].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var caps = Capabilities(service["AmbientCapabilities"]);
        var start = new ProcessStartInfo("setpriv",
        [
            $"--reuid={uid}", $"--regid={gid}", "--clear-groups",
            $"--inh-caps={caps}", $"--ambient-caps={caps}", $"--bounding-set={caps}", "--no-new-privs", "--",
            installed.Root.At(command[0]), .. command[1..],
        ])
        {
            WorkingDirectory = installed.Root.At(service["WorkingDirectory"]),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    /// <summary>Polls every 500 ms for at most 60 s; fails with what serve printed if it exits or never gets there.</summary>
    static async Task Until(Process process, Func<Task<bool>> done, string why, Task<string> output, Task<string> error)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if (await done()) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(500);
        }
        if (!process.HasExited) CaptureProcess.Signal(process.Id, "TERM");
        process.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.Fail($"{why}; serve exited {(process.HasExited ? process.ExitCode : "not")}: {await output}\n{await error}");
    }

    static async Task<(int Code, string Text)> Get(HttpClient http, int port, string path)
    {
        using var response = await http.GetAsync($"http://127.0.0.1:{port}/{path}");
        return ((int)response.StatusCode, (await response.Content.ReadAsStringAsync()).Trim());
    }

    static long Written(string metrics, string output) =>
        MetricsText.Value(metrics, $"capture_output_events_total{{output=\"{output}\",outcome=\"written\"}}");

    static long FileEvents(string metrics, string output) =>
        MetricsText.Value(metrics, $"capture_output_file_events_total{{output=\"{output}\"}}");

    /// <summary>The events of <paramref name="file"/> that <paramref name="filter"/> matches (all without one), as the installed capture reads it: whole, nothing skipped.</summary>
    static long Read(string capture, string file, string? filter = null)
    {
        var read = Tool.Run(capture, filter is null ? ["-r", file, "-q"] : ["-r", file, "-q", filter]);
        Assert.True(read.ExitCode == 0, $"capture -r {file}: {read}");
        var summary = Summary().Match(read.Error);
        Assert.True(summary.Success, $"capture -r {file} printed no summary: {read}");
        Assert.True(summary.Groups["skipped"].Value == "0" && summary.Groups["errors"].Value == "0", $"capture -r {file}: {read.Error}");
        return long.Parse(summary.Groups[filter is null ? "read" : "matched"].Value);
    }

    [GeneratedRegex(@"capture: (?<read>\d+) events read, (?<skipped>\d+) skipped, (?<errors>\d+) errors(, (?<matched>\d+) matched the filter)?")]
    private static partial Regex Summary();

    /// <summary>
    /// The unit's capabilities in setpriv's spelling, less those this machine's bounding set
    /// lacks: systemd cannot grant those either (this sandbox has no CAP_SYS_RESOURCE).
    /// </summary>
    static string Capabilities(string unitCapabilities)
    {
        var bounding = Convert.ToUInt64(File.ReadLines("/proc/self/status").Single(l => l.StartsWith("CapBnd:"))["CapBnd:".Length..].Trim(), 16);
        var held = unitCapabilities.Split(' ').Where(c => (bounding & (1UL << CapabilityNumber(c))) != 0);
        return "-all" + string.Concat(held.Select(c => ",+" + c["CAP_".Length..].ToLowerInvariant()));
    }

    static int CapabilityNumber(string name) => name switch
    {
        "CAP_DAC_READ_SEARCH" => 2,
        "CAP_SYS_PTRACE" => 19,
        "CAP_SYS_RESOURCE" => 24,
        "CAP_PERFMON" => 38,
        "CAP_BPF" => 39,
        _ => throw new ArgumentException($"capability {name} has no number here"),
    };
}
