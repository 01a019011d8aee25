using System.Globalization;
using System.Text.RegularExpressions;
using Capture.Bench.Overhead;
using Capture.Bench.Saturation;

namespace Capture.Bench.Steady;

/// <summary>
/// What capture itself costs per event once it runs at full rate: a getppid loop on every CPU
/// (over a million events a second here), capture with its default rings, unpinned, under each
/// output (-q, and -w to a file). Start-up is left out: after a warm-up under load (the JIT
/// tiers up meanwhile), capture is asked for its progress (SIGUSR1) at the start and at the
/// end of a window, and its CPU time is read at the same moments; the figure is the window's
/// CPU over the window's delivered events. Rounds alternate the outputs. A third run, -q with one
/// ring shared by every CPU, shows whether the cost grows with the number of rings.
/// </summary>
internal sealed partial class SteadyBenchmark(SteadySettings settings, TextWriter log)
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    public IReadOnlyList<SteadyResult> Run()
    {
        var file = Path.Combine(settings.FileDirectory, $"capture-steady-{Environment.ProcessId}.scap");
        var outputs = new (string Name, string[] Arguments)[] { ("q", ["-q"]), ("w", ["-w", file]), (SteadySettings.OneRing, ["-q", "--cpus-for-each-buffer", "0"]) };
        var rounds = outputs.ToDictionary(o => o.Name, _ => new List<SteadyRound>());
        try
        {
            for (var round = 0; round < settings.Rounds; round++)
            {
                foreach (var (name, arguments) in round % 2 == 0 ? outputs : outputs.Reverse())
                {
                    var measured = Measure(arguments);
                    rounds[name].Add(measured);
                    log.WriteLine($"  {name} round {round + 1}: {measured.Events:N0} events in {measured.Seconds:F1} s ({measured.EventsPerSecond / 1e6:F2} M/s), {measured.CpuNsPerEvent:F0} ns CPU per event, {measured.Dropped:N0} dropped; load {measured.LoadAverage:F2}");
                }
            }
        }
        finally
        {
            File.Delete(file);
        }
        return outputs.Select(o => new SteadyResult(o.Name, rounds[o.Name])).ToArray();
    }

    SteadyRound Measure(string[] arguments)
    {
        using var capture = TracedProcess.Start([settings.Dotnet, settings.CaptureDll, .. arguments], "capturing live", StartTimeout);
        SteadyRound measured;
        using (new Spinners(settings.WorkloadPath, Environment.ProcessorCount))
        {
            Thread.Sleep(settings.WarmUp);
            var (eventsBefore, droppedBefore) = Progress(capture.AskProgress(0, AnswerTimeout));
            var cpuBefore = capture.CpuNs();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Thread.Sleep(settings.Window);
            var (eventsAfter, droppedAfter) = Progress(capture.AskProgress(1, AnswerTimeout));
            var cpu = capture.CpuNs() - cpuBefore;
            var seconds = clock.Elapsed.TotalSeconds;
            var events = eventsAfter - eventsBefore;
            measured = new SteadyRound(events, seconds, cpu / Math.Max(1, events), droppedAfter - droppedBefore, Suite.LoadAverageNow());
        }
        if (!capture.Interrupt(StopTimeout))
            throw new InvalidOperationException($"capture {capture.Pid} did not stop within {StopTimeout.TotalSeconds:F0} s of SIGINT and was killed; stderr: {capture.Stderr.Trim()}");
        return measured;
    }

    static (long Events, long Dropped) Progress(string line)
    {
        var match = ProgressLine().Match(line);
        if (!match.Success) throw new FormatException($"not a progress line: {line}");
        return (long.Parse(match.Groups["events"].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups["dropped"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^capture: progress: (?<events>\d+) events in [\d.]+ s; dropped: (?<dropped>\d+) in the kernel")]
    private static partial Regex ProgressLine();
}

/// <param name="WarmUp">How long capture runs under the load before the window: the JIT tiers up meanwhile.</param>
/// <param name="FileDirectory">Where -w writes (deleted afterwards): a real disk, not a tmpfs, as users write.</param>
internal sealed record SteadySettings(string WorkloadPath, string CaptureDll, int Rounds, TimeSpan WarmUp, TimeSpan Window, string FileDirectory)
{
    public string Dotnet { get; init; } = Environment.ProcessPath ?? "dotnet";

    /// <summary>The -q run with one ring for every CPU: the baseline the ring count is compared with.</summary>
    public const string OneRing = "q_one_ring";

    /// <summary>The issue's targets, in ns of capture's CPU per delivered event, at no less than <see cref="TargetEventsPerSecond"/>.</summary>
    public static readonly IReadOnlyDictionary<string, double> TargetNsPerEvent = new Dictionary<string, double> { ["q"] = 100, ["w"] = 250 };

    public const double TargetEventsPerSecond = 1_000_000;
}
