using System.Globalization;
using System.Text.RegularExpressions;

namespace Capture.Bench.Saturation;

/// <summary>
/// What capture's summary says of its polling thread ("capture: poller (…): … mean X µs late,
/// max Y µs …" and one line per ring): why a ring overflowed. Null from a capture that does
/// not print them (an older build).
/// </summary>
internal sealed partial record PollerLines(double MeanLateUs, double MaxLateUs, long NearlyFullRounds, long StalledRounds)
{
    public static PollerLines? Parse(string stderr)
    {
        var poller = Poller().Match(stderr);
        if (!poller.Success) return null;
        var rings = Ring().Matches(stderr);
        return new(
            double.Parse(poller.Groups["mean"].Value, CultureInfo.InvariantCulture),
            double.Parse(poller.Groups["max"].Value, CultureInfo.InvariantCulture),
            rings.Sum(m => long.Parse(m.Groups["full"].Value)),
            rings.Sum(m => long.Parse(m.Groups["stalled"].Value)));
    }

    [GeneratedRegex(@"capture: poller .*mean (?<mean>-?[\d.]+) µs late, max (?<max>-?[\d.]+) µs")]
    private static partial Regex Poller();

    [GeneratedRegex(@"capture:   ring \d+: (?<full>\d+) rounds found it .*?, (?<stalled>\d+) rounds stalled")]
    private static partial Regex Ring();
}
