using Capture.Native.Polling;

namespace Capture.Native.Specs.Polling;

/// <summary>The pause between polling rounds: paced by how fast the fullest ring fills, never more than doubled from one round to the next, doubled while idle, always within bounds.</summary>
public sealed class RoundPacingSpecs
{
    static readonly PollerOptions Options = new() { PacedFillPercent = 10, ShortestPause = TimeSpan.FromMicroseconds(100), LongestPause = TimeSpan.FromMilliseconds(10) };

    [Theory]
    // A ring that filled 5 % in 1 ms fills the next 10 % in 2 ms.
    [InlineData(0.05, 1000, 2000)]
    // Twice as fast, half the pause.
    [InlineData(0.10, 1000, 1000)]
    // A small ring filling fast: the shortest pause, however fast it fills.
    [InlineData(0.50, 100, 100)]
    // A large ring filling slowly: the longest pause, however slowly it fills.
    [InlineData(0.001, 1000, 10_000)]
    public void After_a_round_that_read_records_the_pause_lasts_until_the_fullest_ring_would_fill_the_paced_share(double fullest, int sinceLastRoundUs, int expectedUs)
    {
        var pause = RoundPacing.AfterReading(fullest, TimeSpan.FromMicroseconds(sinceLastRoundUs), Options.LongestPause, Options);
        Assert.Equal(TimeSpan.FromMicroseconds(expectedUs), pause);
    }

    [Fact]
    public void A_round_that_found_little_just_after_a_short_pause_lengthens_the_pause_step_by_step()
    {
        // Seen under getppid loops on both CPUs with 64 KiB rings: a round emptied a full ring
        // and started the next at once, which found one event in 73 µs; paced by that alone
        // the poller slept 10 ms and the rings overflowed for most of it, again and again.
        var pauses = new List<int>();
        var pause = Options.ShortestPause;
        for (var i = 0; i < 8; i++)
        {
            pause = RoundPacing.AfterReading(0.0007, TimeSpan.FromMicroseconds(73), pause, Options);
            pauses.Add((int)pause.TotalMicroseconds);
        }
        Assert.Equal([200, 400, 800, 1600, 3200, 6400, 10_000, 10_000], pauses);
    }

    [Fact]
    public void After_an_idle_round_the_pause_doubles_up_to_the_longest()
    {
        var pauses = new List<TimeSpan>();
        var pause = Options.ShortestPause;
        for (var i = 0; i < 8; i++) pauses.Add(pause = RoundPacing.AfterIdle(pause, Options));
        Assert.Equal([200, 400, 800, 1600, 3200, 6400, 10_000, 10_000], pauses.Select(p => (int)p.TotalMicroseconds));
    }
}
