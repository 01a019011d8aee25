using System.Diagnostics;
using System.Text.Json;

namespace Capture.Host.Specs.EndToEnd;

/// <summary>
/// `capture` where tracefs is not mounted: the TOCTOU enter tracepoints cannot be attached,
/// yet the capture runs and says so once. The machine's tracefs is left alone: capture runs
/// in its own mount namespace (unshare -m) where tracefs (and debugfs, whose tracing folder
/// would mount it again) is unmounted.
/// </summary>
public sealed class MissingTracefsSpecs
{
    static readonly string TestProgram = Path.Combine(RepoPaths.Root, "artifacts", "driver", "capture_testprog");

    [KernelFact]
    public void Without_tracefs_capture_must_warn_once_and_still_capture_exit_events()
    {
        const string script = """
            umount /sys/kernel/debug 2>/dev/null; umount /sys/kernel/tracing 2>/dev/null
            if [ -e /sys/kernel/tracing/events ]; then echo "tracefs still mounted" >&2; exit 3; fi
            err=$(mktemp)
            dotnet "$1" -j -M 4 --syscalls openat --toctou-enter-events 2>"$err" & capture=$!
            # the test program runs once capture says it is live, however long loading takes
            while ! grep -q "capturing live" "$err"; do kill -0 $capture 2>/dev/null || break; sleep 0.05; done
            "$2" loop openclose 5 >&2 & echo "pid $!" >&2
            wait $capture; status=$?
            cat "$err" >&2; rm -f "$err"
            exit $status
            """;
        var start = new ProcessStartInfo("unshare", ["--mount", "--propagation", "private", "sh", "-c", script, "sh",
            Path.Combine(AppContext.BaseDirectory, "capture.dll"), TestProgram])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["TZ"] = "UTC";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {error}");
        var warning = Assert.Single(error.Split('\n'), l => l.Contains("TOCTOU"));
        Assert.StartsWith("capture: warning: no enter events (TOCTOU mitigation) for connect, creat, open, openat, openat2: tracefs is not mounted", warning);
        var pid = long.Parse(error.Split('\n').Single(l => l.StartsWith("pid ")).Split(' ')[1]);
        var opens = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("thread.tid").GetInt64() == pid && e.GetProperty("evt.type").GetString() == "openat").ToList();
        // the shell opened /dev/null as the background job's stdin before it ran the test program
        opens = opens.Where(e => e.GetProperty("proc.name").GetString() == "capture_testpro").ToList();
        Assert.Equal(5, opens.Count(e => e.GetProperty("evt.dir").GetString() == "<" && e.GetProperty("evt.args").GetProperty("name").GetString() == "/dev/null"));
        Assert.DoesNotContain(opens, e => e.GetProperty("evt.dir").GetString() == ">");
    }
}
