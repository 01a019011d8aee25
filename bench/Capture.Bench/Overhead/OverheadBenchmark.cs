using System.Diagnostics;

namespace Capture.Bench.Overhead;

/// <summary>
/// What tracing costs the traced program: each workload mode runs untraced (baseline), under
/// `capture -q` (the live path into a null sink, default settings), under a bpftrace
/// program that only counts sys_exit (the floor any BPF tracer pays) and, when it is built,
/// under libs' scap-open with 8 MiB rings (as the anchor's compare.sh runs it: the overhead
/// goal is a share of its cost). Baselines drift from minute to minute on a shared machine, so
/// the conditions are interleaved round by round, their order rotating, and each figure is a
/// median over rounds. The workload runs on one CPU, the tracer on the other.
/// </summary>
internal sealed class OverheadBenchmark(OverheadSettings settings, TextWriter log)
{
    // BEGIN runs once every probe is attached: the line that says the floor is in place.
    const string FloorProgram = "BEGIN { printf(\"floor attached\\n\"); } tracepoint:raw_syscalls:sys_exit { @c = count(); }";
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    const long ScapOpenRingBytes = 8 << 20;

    enum Condition { Baseline, Capture, Floor, ScapOpen }

    readonly Workload _workload = new(settings.WorkloadPath, settings.WorkloadCpu);
    readonly ScapOpen _scapOpen = new(settings.ScapOpenDirectory);

    /// <summary>Why scap-open's row is left out (not built), or null.</summary>
    public string? ScapOpenMissing => _scapOpen.Missing;

    public IReadOnlyList<OverheadResult> Run() => settings.Modes.Select(RunMode).ToArray();

    OverheadResult RunMode(string mode)
    {
        var clock = Stopwatch.StartNew();
        var iterations = _workload.Calibrate(mode, settings.RunTime);
        var baseline = new List<double>();
        var captured = new List<CaptureRound>();
        var floor = new List<double>();
        var scapOpen = new List<double>();
        Condition[] order = ScapOpenMissing is null
            ? [Condition.Baseline, Condition.Capture, Condition.Floor, Condition.ScapOpen]
            : [Condition.Baseline, Condition.Capture, Condition.Floor];
        for (var round = 0; round < settings.Rounds; round++)
        {
            for (var i = 0; i < order.Length; i++)
            {
                switch (order[(i + round) % order.Length])
                {
                    case Condition.Baseline: baseline.Add(_workload.Run(mode, iterations)); break;
                    case Condition.Capture: captured.Add(UnderCapture(mode, iterations)); break;
                    case Condition.Floor: floor.Add(UnderFloor(mode, iterations)); break;
                    case Condition.ScapOpen: scapOpen.Add(UnderScapOpen(mode, iterations)); break;
                }
            }
            var scapNote = scapOpen.Count > 0 ? $", scap-open {scapOpen[^1]:F0} ns" : "";
            log.WriteLine($"  {mode} round {round + 1}: baseline {baseline[^1]:F0} ns, capture {captured[^1].NsPerIteration:F0} ns ({captured[^1].Summary.Delivered:N0} events, {captured[^1].Summary.KernelDropped:N0} dropped), floor {floor[^1]:F0} ns{scapNote}; {clock.Elapsed.TotalSeconds:F0} s so far");
        }
        return new OverheadResult(
            mode, iterations, settings.Rounds,
            Medians.Of(baseline), Medians.Of(captured.Select(c => c.NsPerIteration)), Medians.Of(floor),
            scapOpen.Count > 0 ? Medians.Of(scapOpen) : double.NaN,
            Medians.Of(captured.Select(c => c.EventsPerSecond)),
            captured.Sum(c => c.Summary.KernelDropped),
            captured.Sum(c => c.Summary.Unaccounted),
            Medians.Of(captured.Select(c => c.CpuNsPerEvent)),
            captured.Max(c => c.PeakRssMb));
    }

    sealed record CaptureRound(double NsPerIteration, CaptureSummary Summary, double EventsPerSecond, double CpuNsPerEvent, double PeakRssMb);

    CaptureRound UnderCapture(string mode, long iterations)
    {
        using var capture = TracedProcess.Start(settings.TracerCpu, [settings.Dotnet, settings.CaptureDll, "-q"], "capturing live", StartTimeout);
        var cpuBefore = capture.CpuNs();
        var clock = Stopwatch.StartNew();
        var ns = _workload.Run(mode, iterations);
        // Sampled before SIGINT: the CPU and memory of capturing, not of detaching and exiting.
        var cpu = capture.CpuNs() - cpuBefore;
        var seconds = clock.Elapsed.TotalSeconds;
        var peak = capture.RssMb().Peak;
        if (!capture.Interrupt(StopTimeout))
            throw new InvalidOperationException($"capture {capture.Pid} did not stop within {StopTimeout.TotalSeconds:F0} s of SIGINT and was killed; stderr: {capture.Stderr.Trim()}");
        var summary = CaptureSummary.Parse(capture.Stderr);
        var events = Math.Max(1, summary.Delivered);
        return new CaptureRound(ns, summary, summary.Delivered / seconds, cpu / events, peak);
    }

    double UnderFloor(string mode, long iterations) =>
        WhileTracing(TracedProcess.Start(settings.TracerCpu, ["bpftrace", "-B", "line", "-e", FloorProgram], "floor attached", StartTimeout), "bpftrace", mode, iterations);

    double UnderScapOpen(string mode, long iterations) =>
        WhileTracing(TracedProcess.Start(settings.TracerCpu, _scapOpen.CommandLine(ScapOpenRingBytes), ScapOpen.ReadyText, StartTimeout, _scapOpen.Environment), "scap-open", mode, iterations);

    /// <summary>Runs the workload under a tracer that is ready, then stops the tracer; the workload's ns per iteration.</summary>
    double WhileTracing(TracedProcess tracer, string name, string mode, long iterations)
    {
        using (tracer)
        {
            var ns = _workload.Run(mode, iterations);
            // The figure is taken; a tracer that will not stop is killed and only reported.
            if (!tracer.Interrupt(StopTimeout)) log.WriteLine($"  {name} {tracer.Pid} ignored SIGINT and was killed");
            return ns;
        }
    }
}

/// <param name="RunTime">How long one untraced run of a mode takes; iterations are calibrated to it.</param>
internal sealed record OverheadSettings(
    string WorkloadPath,
    string CaptureDll,
    IReadOnlyList<string> Modes,
    int Rounds,
    TimeSpan RunTime,
    int TracerCpu = 0,
    int WorkloadCpu = 1)
{
    /// <summary>Where ../shared/anchor/build-scap-open.sh installed scap-open; without it its row is left out.</summary>
    public string ScapOpenDirectory { get; init; } = ScapOpen.DefaultDirectory;

    /// <summary>The dotnet host running this benchmark runs capture too.</summary>
    public string Dotnet { get; init; } = Environment.ProcessPath ?? "dotnet";
}
