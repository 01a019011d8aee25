using System.Diagnostics;
using Capture.Host.Specs.Hosting;

namespace Capture.Host.Specs.Packaging;

/// <summary>
/// The installed unit's ExecStart, run by hand as systemd would run it (systemd is not PID 1
/// here): as the capture user from the root's passwd, holding the unit's capabilities as
/// ambient ones and no others, with no new privileges, in its working directory, reading the
/// installed settings. It must capture with the real probe, serve /metrics, and stop
/// cleanly on SIGTERM, as `systemctl stop` asks it to.
/// </summary>
public sealed class PackagedServiceSpecs(InstalledCapture installed) : IClassFixture<InstalledCapture>
{
    [KernelFact]
    public async Task The_units_ExecStart_captures_with_the_probe_serves_metrics_and_stops_on_SIGTERM()
    {
        var service = installed.Service;
        var command = service["ExecStart"].Split(' ');
        var caps = Capabilities(service["AmbientCapabilities"]);
        var port = MetricsText.FreePort();
        var start = new ProcessStartInfo("setpriv",
        [
            $"--reuid={installed.Account(service["User"], 2)}", $"--regid={installed.Account(service["User"], 3)}", "--clear-groups",
            $"--inh-caps={caps}", $"--ambient-caps={caps}", $"--bounding-set={caps}", "--no-new-privs", "--",
            installed.Root.At(command[0]), .. command[1..], "--metrics-port", port.ToString(),
        ])
        {
            WorkingDirectory = installed.Root.At(service["WorkingDirectory"]),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["HOME"] = installed.Root.At(installed.Account(service["User"], 5));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        var metrics = "";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try { metrics = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics"); }
            catch (HttpRequestException) { } // not listening yet
            if (MetricsText.Value(metrics, "capture_driver_state") == 1 && Seen(metrics) > 0) break;
            await Task.Delay(500);
        }
        if (process.HasExited) Assert.Fail($"serve exited {process.ExitCode}: {await output}\n{await error}");
        CaptureProcess.Signal(process.Id, "TERM");
        var stopped = process.WaitForExit(TimeSpan.FromSeconds(30));

        var log = await output + await error;
        Assert.True(stopped, "serve did not stop within 30 s of SIGTERM");
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {log}");
        Assert.Equal(1, MetricsText.Value(metrics, "capture_driver_state"));
        Assert.True(Seen(metrics) > 0, "the probe saw no event: " + metrics);
        Assert.Contains("driver running", log);
        Assert.Contains("modern_bpf", log);
        Assert.DoesNotContain("   at ", log); // no stack trace
    }

    static long Seen(string metrics) =>
        Enumerable.Range(0, Environment.ProcessorCount).Sum(cpu => Math.Max(0, MetricsText.Value(metrics, $"capture_kernel_events_seen_total{{cpu=\"{cpu}\"}}")));

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
