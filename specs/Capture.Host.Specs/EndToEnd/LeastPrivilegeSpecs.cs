using System.Diagnostics;

namespace Capture.Host.Specs.EndToEnd;

/// <summary>
/// `capture` with no more privilege than it needs: as an unprivileged user (nobody) holding
/// only the capabilities given to it, through setpriv (util-linux). Ambient capabilities
/// survive the exec of dotnet; the bounding set is cut to the same ones, so "only these"
/// holds for everything the process could ever gain.
/// </summary>
public sealed class LeastPrivilegeSpecs
{
    /// <summary>A kernel fact that also needs setpriv, and skips saying which is missing.</summary>
    public sealed class SetprivFactAttribute : FactAttribute
    {
        public SetprivFactAttribute() => Skip = SkipReason;
    }

    public sealed class SetprivTheoryAttribute : TheoryAttribute
    {
        public SetprivTheoryAttribute() => Skip = SkipReason;
    }

    static string? SkipReason =>
        ProbeAvailability.Missing is { } missing ? $"the eBPF probe cannot load here: {missing}"
        : !File.Exists(Setpriv) ? $"{Setpriv} (util-linux) is missing"
        : null;

    const string Setpriv = "/usr/bin/setpriv";

    static CaptureProcess.Result RunAsNobodyWith(string capabilities, params string[] args)
    {
        var caps = "-all" + string.Concat(capabilities.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => ",+" + c));
        var start = new ProcessStartInfo(Setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups",
            $"--inh-caps={caps}", $"--ambient-caps={caps}", $"--bounding-set={caps}", "--",
            "dotnet", Path.Combine(AppContext.BaseDirectory, "capture.dll"), .. args])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["TZ"] = "UTC";
        start.Environment["HOME"] = Path.GetTempPath(); // root's home is not nobody's to write
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new CaptureProcess.Result(process.ExitCode, output.Result, error);
    }

    [SetprivFact]
    public void With_only_CAP_BPF_and_CAP_PERFMON_an_unprivileged_user_captures_live()
    {
        var run = RunAsNobodyWith("bpf,perfmon", "-n", "20");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}");
        Assert.Equal(20, run.Lines.Length);
        Assert.Contains("capturing live", run.Error);
        Assert.DoesNotContain("libbpf", run.Error);
    }

    [SetprivTheory]
    [InlineData("bpf", "missing capability CAP_PERFMON")]
    [InlineData("perfmon", "missing capability CAP_BPF (")]
    [InlineData("", "missing capability CAP_BPF and CAP_PERFMON")]
    public void Without_a_needed_capability_one_line_names_it_and_the_exit_status_is_not_zero(string capabilities, string named)
    {
        var run = RunAsNobodyWith(capabilities, "-n", "20");

        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, line);
        Assert.Empty(run.Output);
    }

    [SetprivFact]
    public void Serve_without_CAP_PERFMON_logs_the_reason_in_one_line_and_exits_non_zero()
    {
        var run = RunAsNobodyWith("bpf", "serve", "--metrics-port", Hosting.MetricsText.FreePort().ToString());

        Assert.Equal(1, run.ExitCode);
        var failure = Assert.Single(run.Lines, l => l.Contains("driver failed"));
        Assert.Contains("missing capability CAP_PERFMON", failure);
        Assert.DoesNotContain("libbpf", run.Output + run.Error);
        Assert.DoesNotContain("   at ", run.Output + run.Error); // no stack trace
    }
}
