using System.Diagnostics;
using Capture.Bench.Overhead;

namespace Capture.Bench.Saturation;

/// <summary>
/// What each consumer loses when the rings fill faster than anyone could wish: a getppid loop
/// on every CPU, and libs' scap-open and `capture -q` taking turns at each ring size, the
/// order swapping every round, so both meet the same machine (shared, loaded by others)
/// within seconds of each other. The tracers run unpinned, competing with the loops as any
/// consumer on a busy host does. A figure is only comparable within one run.
/// </summary>
internal sealed class SaturationBenchmark(SaturationSettings settings, TextWriter log)
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    // Lets the tracer's first allocations and the JIT settle before the load starts.
    static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    readonly ScapOpen _scapOpen = new(settings.ScapOpenDirectory);

    /// <summary>Why the benchmark cannot run here (scap-open not built), or null.</summary>
    public string? Skipped => _scapOpen.Missing;

    public IReadOnlyList<SaturationResult> Run()
    {
        if (Skipped is { } why) throw new InvalidOperationException(why);
        var clock = Stopwatch.StartNew();
        var results = new List<SaturationResult>();
        foreach (var bytes in settings.RingBytes)
        {
            var scap = new List<TracerRun>();
            var capture = new List<TracerRun>();
            for (var round = 0; round < settings.Rounds; round++)
            {
                var scapFirst = round % 2 == 0;
                for (var turn = 0; turn < 2; turn++)
                {
                    if (scapFirst == (turn == 0)) scap.Add(UnderScapOpen(bytes));
                    else capture.Add(UnderCapture(bytes));
                }
                log.WriteLine($"  {Kib(bytes)} round {round + 1}: scap-open {scap[^1].Events:N0} events, {scap[^1].Dropped:N0} dropped; capture {capture[^1].Events:N0} events, {capture[^1].Dropped:N0} dropped{Why(capture[^1].Poller)}; load {capture[^1].LoadAverage:F2}; {clock.Elapsed.TotalSeconds:F0} s so far");
            }
            results.Add(new SaturationResult(bytes, scap, capture));
        }
        return results;
    }

    TracerRun UnderScapOpen(long bytes)
    {
        using var tracer = TracedProcess.Start(_scapOpen.CommandLine(bytes), ScapOpen.ReadyText, StartTimeout, _scapOpen.Environment);
        var load = Loaded();
        if (!tracer.Interrupt(StopTimeout)) throw new InvalidOperationException($"scap-open {tracer.Pid} did not stop within {StopTimeout.TotalSeconds:F0} s of SIGINT and was killed");
        var (events, dropped) = ScapOpen.ParseStats(tracer.Stdout);
        return new TracerRun(events, dropped, load);
    }

    TracerRun UnderCapture(long bytes)
    {
        using var tracer = TracedProcess.Start([settings.Dotnet, settings.CaptureDll, "-q", "--buffer-size", bytes.ToString()], "capturing live", StartTimeout);
        var load = Loaded();
        if (!tracer.Interrupt(StopTimeout)) throw new InvalidOperationException($"capture {tracer.Pid} did not stop within {StopTimeout.TotalSeconds:F0} s of SIGINT and was killed; stderr: {tracer.Stderr.Trim()}");
        var summary = CaptureSummary.Parse(tracer.Stderr);
        return new TracerRun(summary.Delivered, summary.KernelDropped, load, PollerLines.Parse(tracer.Stderr));
    }

    /// <summary>Runs the loops for the window; returns the load average at its end.</summary>
    double Loaded()
    {
        Thread.Sleep(Settle);
        using (new Spinners(settings.WorkloadPath, Environment.ProcessorCount)) Thread.Sleep(settings.Window);
        return Suite.LoadAverageNow();
    }

    static string Why(PollerLines? p) => p is null ? "" : $" (poller late {p.MeanLateUs:F0} µs mean, {p.MaxLateUs:F0} max; {p.NearlyFullRounds} rounds found a ring ≥ 3/4 full, {p.StalledRounds} stalled on a full hand-off)";

    public static string Kib(long bytes) => bytes >= 1 << 20 ? $"{bytes >> 20} MiB" : $"{bytes >> 10} KiB";
}

/// <param name="Window">How long the loops run under each tracer.</param>
internal sealed record SaturationSettings(
    string WorkloadPath,
    string CaptureDll,
    string ScapOpenDirectory,
    IReadOnlyList<long> RingBytes,
    int Rounds,
    TimeSpan Window)
{
    public static readonly long[] DefaultRingBytes = [64 << 10, 256 << 10, 1 << 20, 8 << 20];

    public string Dotnet { get; init; } = Environment.ProcessPath ?? "dotnet";
}
