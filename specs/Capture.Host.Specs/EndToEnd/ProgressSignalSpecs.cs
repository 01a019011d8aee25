using System.Text.RegularExpressions;

namespace Capture.Host.Specs.EndToEnd;

/// <summary>`kill -USR1` on a live capture: one progress line on stderr, and the capture goes on.</summary>
public sealed partial class ProgressSignalSpecs
{
    [KernelFact]
    public void Each_sigusr1_prints_what_was_delivered_so_far_and_the_capture_goes_on_to_a_clean_stop()
    {
        using var capture = LiveCapture.Start("-q");
        // A progress line is a snapshot: the first round after start-up may not have reached the
        // sink yet, so ask until it shows events, make more, and ask until the count has grown.
        var first = AskUntil(capture, count => count > 0);
        var second = AskUntil(capture, count => count > first);
        var result = capture.Stop();

        Assert.Equal(0, result.ExitCode);
        var total = long.Parse(SummaryLine().Match(result.Error).Groups[1].Value);
        Assert.True(total >= second, $"the summary's {total} events must include the {second} reported before it");
    }

    /// <summary>Starts a few processes (events to count), sends SIGUSR1 and reads its line, until the count satisfies <paramref name="enough"/>.</summary>
    static long AskUntil(LiveCapture capture, Func<long, bool> enough)
    {
        var counts = new List<long>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            for (var i = 0; i < 5; i++) System.Diagnostics.Process.Start("true")!.WaitForExit();
            CaptureProcess.Signal(capture.Pid, "USR1");
            var line = capture.NextErrorLine(TimeSpan.FromSeconds(5));
            Assert.NotNull(line);
            var progress = ProgressLine().Match(line);
            Assert.True(progress.Success, $"not a progress line: {line}");
            counts.Add(long.Parse(progress.Groups[1].Value));
            if (enough(counts[^1])) return counts[^1];
            Thread.Sleep(100);
        }
        Assert.Fail($"the progress counts never grew enough: {string.Join(", ", counts)}");
        return 0;
    }

    [GeneratedRegex(@"^capture: progress: (\d+) events in [\d.]+ s; dropped: \d+ in the kernel, \d+ corrupt$", RegexOptions.Multiline)]
    private static partial Regex ProgressLine();

    [GeneratedRegex(@"^capture: (\d+) events in ", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();
}
