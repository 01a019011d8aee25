using System.Text.RegularExpressions;

namespace Capture.Host.Specs.EndToEnd;

/// <summary>`kill -USR1` on a live capture: one progress line on stderr, and the capture goes on.</summary>
public sealed partial class ProgressSignalSpecs
{
    [KernelFact]
    public void Each_sigusr1_prints_what_was_delivered_so_far_and_the_capture_goes_on_to_a_clean_stop()
    {
        using var capture = LiveCapture.Start("-q");
        var counts = new List<long>();
        for (var asked = 1; asked <= 2; asked++)
        {
            // Events to count between the two answers: a few processes started and gone.
            for (var i = 0; i < 5; i++) System.Diagnostics.Process.Start("true")!.WaitForExit();
            CaptureProcess.Signal(capture.Pid, "USR1");
            Thread.Sleep(500);
        }
        var result = capture.Stop();

        Assert.Equal(0, result.ExitCode);
        foreach (Match m in ProgressLine().Matches(result.Error)) counts.Add(long.Parse(m.Groups[1].Value));
        Assert.Equal(2, counts.Count);
        Assert.True(counts[0] > 0 && counts[1] > counts[0], $"progress counts must grow: {string.Join(", ", counts)}");
        var total = long.Parse(SummaryLine().Match(result.Error).Groups[1].Value);
        Assert.True(total >= counts[1], $"the summary's {total} events must include the {counts[1]} reported before it");
    }

    [GeneratedRegex(@"^capture: progress: (\d+) events in [\d.]+ s; dropped: \d+ in the kernel, \d+ corrupt$", RegexOptions.Multiline)]
    private static partial Regex ProgressLine();

    [GeneratedRegex(@"^capture: (\d+) events in ", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();
}
