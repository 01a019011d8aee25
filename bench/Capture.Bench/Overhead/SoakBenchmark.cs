using System.Diagnostics;

namespace Capture.Bench.Overhead;

/// <summary>
/// `capture -q` at full rate for a long time (the getppid workload looping on the other
/// CPU): the capture process's RSS sampled over time, and at the end the kernel's books
/// reconciled against the summary (seen = delivered + dropped + corrupt + unread + dropped
/// in the pipeline).
/// </summary>
internal sealed class SoakBenchmark(OverheadSettings settings, TextWriter log)
{
    public sealed record Sample(double Seconds, double RssMb);

    public sealed record Result(double Minutes, IReadOnlyList<Sample> Rss, double PeakRssMb, CaptureSummary Summary, long WorkloadRuns);

    public Result Run(TimeSpan duration, TimeSpan sampleEvery)
    {
        var workload = new Workload(settings.WorkloadPath, settings.WorkloadCpu);
        using var capture = TracedProcess.Start(settings.TracerCpu, [settings.Dotnet, settings.CaptureDll, "-q"], "capturing live", TimeSpan.FromSeconds(90));
        using var stop = new CancellationTokenSource();
        long runs = 0;
        var driver = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                workload.Run("getppid", 2_000_000);
                Interlocked.Increment(ref runs);
            }
        }) { IsBackground = true, Name = "soak workload" };
        var clock = Stopwatch.StartNew();
        driver.Start();
        var samples = new List<Sample>();
        while (clock.Elapsed < duration)
        {
            Thread.Sleep(sampleEvery < duration - clock.Elapsed ? sampleEvery : duration - clock.Elapsed);
            var rss = capture.RssMb();
            samples.Add(new Sample(clock.Elapsed.TotalSeconds, rss.Now));
            log.WriteLine($"soak: {clock.Elapsed.TotalSeconds,6:F0} s  RSS {rss.Now,7:F1} MB (peak {rss.Peak:F1} MB)");
        }
        stop.Cancel();
        driver.Join();
        var peak = capture.RssMb().Peak;
        if (!capture.Interrupt(TimeSpan.FromSeconds(60))) throw new InvalidOperationException($"capture did not stop within 60 s of SIGINT; stderr: {capture.Stderr.Trim()}");
        return new Result(duration.TotalMinutes, samples, peak, CaptureSummary.Parse(capture.Stderr), runs);
    }
}
