namespace Capture.Native.Polling;

/// <summary>
/// How long the polling thread pauses between rounds. Every round costs about the same
/// whatever it reads (a sleep and a wake-up, expensive on a virtual machine, and a signal down
/// the pipeline per ring), so rounds are paid per share of the ring rather than per unit of
/// time: a large ring is read in a few big rounds, a small one as often as it must be. Fewer
/// rounds also pull the rings' cache lines away from the writing CPUs less often, which the
/// traced programs pay for.
/// </summary>
public static class RoundPacing
{
    /// <summary>
    /// The pause after a round that read records: as long as the fastest-filling ring takes to
    /// fill <see cref="PollerOptions.PacedFillPercent"/> of itself at the rate it filled over
    /// <paramref name="sinceLastRound"/> (<paramref name="fullest"/> of it, from 0 to 1), within
    /// the options' shortest and longest pause, and at most twice the <paramref name="lastPause"/>.
    /// The rate of a short interval is a poor guess: right after a round that emptied a
    /// full ring, the next one may find a single event in 70 µs (the writers were off their
    /// CPUs meanwhile) and would sleep the longest pause while the ring overflows again; growing
    /// the pause step by step lets each longer interval correct the guess.
    /// </summary>
    public static TimeSpan AfterReading(double fullest, TimeSpan sinceLastRound, TimeSpan lastPause, PollerOptions options)
    {
        var ticks = fullest <= 0 ? options.LongestPause.Ticks : (long)(sinceLastRound.Ticks * (options.PacedFillPercent / 100.0) / fullest);
        return Bounded(Math.Min(ticks, lastPause.Ticks * 2), options);
    }

    /// <summary>The pause after a round that read nothing: twice the last one, within the options' bounds.</summary>
    public static TimeSpan AfterIdle(TimeSpan last, PollerOptions options) => Bounded(last.Ticks * 2, options);

    static TimeSpan Bounded(long ticks, PollerOptions options) =>
        TimeSpan.FromTicks(Math.Clamp(ticks, options.ShortestPause.Ticks, options.LongestPause.Ticks));
}
