using System.Globalization;
using System.Text.RegularExpressions;

namespace Capture.Bench.Overhead;

/// <summary>
/// The accounting `capture` prints on stderr when it stops:
/// "capture: N events in S s (R events/s); dropped: K in the kernel, C corrupt, U unread at detach[, ...]"
/// and "capture: kernel saw X, dropped ...".
/// </summary>
/// <param name="DroppedInPipeline">Events the stages dropped after the rings (", N Late at merge" and the like).</param>
internal sealed partial record CaptureSummary(long Delivered, double Seconds, long KernelDropped, long Corrupt, long Unread, long DroppedInPipeline, long KernelSeen)
{
    /// <summary>What the kernel saw that is neither delivered nor counted as lost somewhere; 0 when the books balance.</summary>
    public long Unaccounted => KernelSeen - Delivered - KernelDropped - Corrupt - Unread - DroppedInPipeline;

    public static CaptureSummary Parse(string stderr)
    {
        var totals = Totals().Match(stderr);
        var seen = Seen().Match(stderr);
        if (!totals.Success || !seen.Success) throw new FormatException($"no capture summary in its stderr: {stderr.Trim()}");
        return new(
            long.Parse(totals.Groups["events"].Value),
            double.Parse(totals.Groups["seconds"].Value, CultureInfo.InvariantCulture),
            long.Parse(totals.Groups["dropped"].Value),
            long.Parse(totals.Groups["corrupt"].Value),
            long.Parse(totals.Groups["unread"].Value),
            totals.Groups["stage"].Captures.Sum(c => long.Parse(c.Value)),
            long.Parse(seen.Groups["seen"].Value));
    }

    [GeneratedRegex(@"capture: (?<events>\d+) events in (?<seconds>[\d.]+) s .*dropped: (?<dropped>\d+) in the kernel, (?<corrupt>\d+) corrupt, (?<unread>\d+) unread at detach(?:, (?<stage>\d+) [^,\n]+)*")]
    private static partial Regex Totals();

    [GeneratedRegex(@"capture: kernel saw (?<seen>\d+)")]
    private static partial Regex Seen();
}
