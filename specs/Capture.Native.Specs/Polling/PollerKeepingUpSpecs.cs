using System.Buffers.Binary;
using Capture.Native.Abi;
using Capture.Native.Batches;
using Capture.Native.Polling;
using Capture.Native.Rings;
using Capture.Native.Specs.Rings;
using static Capture.Native.Specs.Polling.SimulatedPolling;

namespace Capture.Native.Specs.Polling;

/// <summary>
/// How the polling thread keeps a small ring from overflowing when it fills fast: it goes on
/// without pausing, it counts how full it found the ring, an aged batch keeps filling while
/// the reader lags, and it runs at the priority it was given. Conditions are awaited with a
/// generous deadline; nothing here asserts on time.
/// </summary>
public sealed class PollerKeepingUpSpecs
{
    [Fact]
    public void A_round_that_finds_a_ring_nearly_full_must_count_it_and_start_the_next_round_without_a_pause()
    {
        var ring = new SimulatedRing(4096);
        ushort id = 0;
        while (ring.Producer < 3 * 4096 / 4 + 64) ring.Write(Generic(1000UL + id, id++)); // 48-byte records past 3/4

        // Pauses long enough that a second round before any pause can only be a skipped one.
        using var poller = Poller(ring, new PollerOptions { ShortestPause = TimeSpan.FromSeconds(1), LongestPause = TimeSpan.FromSeconds(1) });
        poller.Start();
        WaitUntil(() => poller.Activity.Rounds >= 2, "a second round");
        var pausesBySecondRound = poller.Activity.Pauses;
        poller.Dispose();

        Assert.Equal(0, pausesBySecondRound);
        Assert.True(poller.Activity.PausesSkipped >= 1);
        Assert.Equal(1, poller.Statistics[0].NearlyFullRounds);
        Assert.InRange(poller.Statistics[0].HighestFillPercent, 75, 100);
        Assert.Equal(id, poller.Statistics[0].EventsDelivered);
    }

    [Fact]
    public void A_ring_that_fills_slowly_must_be_paused_for_between_rounds()
    {
        var ring = new SimulatedRing(4096);
        ring.Write(Generic(1000, 1)); // 48 bytes of 4096: about 1 %

        using var poller = Poller(ring, new PollerOptions { ShortestPause = TimeSpan.FromMilliseconds(1), LongestPause = TimeSpan.FromMilliseconds(1) });
        poller.Start();
        WaitUntil(() => poller.Activity.Pauses >= 3, "three pauses");
        poller.Dispose();

        Assert.Equal(0, poller.Activity.PausesSkipped);
        Assert.Equal(0, poller.Statistics[0].NearlyFullRounds);
        Assert.InRange(poller.Statistics[0].HighestFillPercent, 1, 2);
        Assert.True(poller.Activity.AskedNs >= 3_000_000, $"asked {poller.Activity.AskedNs} ns over {poller.Activity.Pauses} pauses of 1 ms");
    }

    [Fact]
    public void An_aged_batch_must_go_on_filling_while_the_handoff_is_half_full_and_be_published_once_the_reader_catches_up()
    {
        var ring = new SimulatedRing(4096);
        ring.Write(Generic(1000, 1));
        using var poller = Poller(ring, new PollerOptions { HandoffCapacity = 2, MaxBatchAge = TimeSpan.Zero, ShortestPause = TimeSpan.FromMilliseconds(1) });
        poller.Start();
        var handoff = poller.Handoffs[0];
        WaitUntil(() => handoff.Count == 1, "the first batch published");

        for (ushort id = 2; id <= 4; id++) ring.Write(Generic(1000UL + id, id));
        WaitUntil(() => poller.Statistics[0].EventsDelivered == 4 && poller.Statistics[0].AgedBatchesHeld >= 1, "events 2-4 read into a held batch");
        Assert.Equal(1, handoff.Count); // half full: the aged batch was kept, not published

        Assert.Equal([1], TakeOne(handoff));
        WaitUntil(() => handoff.Count == 1, "the held batch published once the reader took the first");
        poller.Dispose();
        Assert.Equal([2, 3, 4], TakeAll(handoff));
        Assert.Equal(ring.Producer, ring.Consumer);
    }

    [Fact]
    public void A_drain_longer_than_a_quarter_ring_must_give_space_back_before_it_ends()
    {
        var ring = new SimulatedRing(4096);
        ushort id = 0;
        while (ring.Producer < 4096 / 2) ring.Write(Generic(1000UL + id, id++));
        // A consumer that notes each position it hands back: the drain of half a ring must
        // hand some back on the way, not only all of it at the end.
        var consumer = new PublishRecording(new BpfRingConsumer(ring.Memory));
        using var poller = new RingPoller([consumer], new EventBatchPool(8192, 256), new PollerOptions(), () => Clock, _ => 0);
        poller.Start();
        WaitUntil(() => poller.Statistics[0].EventsDelivered == id, "every event delivered");
        poller.Dispose();

        var first = consumer.Published.First();
        Assert.InRange(first, 4096UL / 4, 4096UL / 2 - 1);
        Assert.Equal(ring.Producer, consumer.Published.Last());
    }

    [Fact]
    public void The_polling_thread_must_run_at_the_nice_value_it_was_given()
    {
        var ring = new SimulatedRing(4096);
        // Lowering one's own priority needs no privilege, so this holds for any user.
        using var poller = Poller(ring, new PollerOptions { RealTimePriority = null, Nice = 7, ShortestPause = TimeSpan.FromMilliseconds(1) });
        poller.Start();
        WaitUntil(() => poller.Activity.Rounds >= 1, "a round");

        Assert.Null(poller.Activity.PriorityError);
        Assert.Equal(7, poller.Activity.Nice);
        Assert.Contains((Nice: 7, Policy: 0, RealTime: 0), PollerThreadPriorities());
    }

    [Fact]
    public void The_polling_thread_must_run_real_time_at_the_priority_it_was_given_or_say_why_not_and_fall_back_to_its_nice_value()
    {
        var ring = new SimulatedRing(4096);
        using var poller = Poller(ring, new PollerOptions { RealTimePriority = 3, Nice = 5, ShortestPause = TimeSpan.FromMilliseconds(1) });
        poller.Start();
        WaitUntil(() => poller.Activity.Rounds >= 1, "a round");

        var activity = poller.Activity;
        if (activity.RealTimePriority is not null)
        {
            Assert.Equal(3, activity.RealTimePriority);
            Assert.Null(activity.Nice);
            Assert.Contains((Nice: 0, Policy: 1, RealTime: 3), PollerThreadPriorities());
        }
        else
        {
            // Refused (no CAP_SYS_NICE, or no real-time budget in this cgroup): said, and nice 5 instead.
            Assert.NotNull(activity.RealTimeError);
            Assert.Equal(5, activity.Nice);
            Assert.Contains((Nice: 5, Policy: 0, RealTime: 0), PollerThreadPriorities());
        }
    }

    /// <summary>
    /// The nice value, scheduling policy and real-time priority (fields 19, 41 and 40 of
    /// /proc/self/task/TID/stat) of every thread named as the poller names its own.
    /// </summary>
    static List<(int Nice, int Policy, int RealTime)> PollerThreadPriorities()
    {
        var values = new List<(int, int, int)>();
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith("capture-ring-po", StringComparison.Ordinal)) continue;
            var stat = File.ReadAllText(Path.Combine(task, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            values.Add((int.Parse(fields[16]), int.Parse(fields[38]), int.Parse(fields[37])));
        }
        return values;
    }

    /// <summary>Passes everything to the consumer it wraps and keeps every position it hands back.</summary>
    sealed class PublishRecording(IRingConsumer inner) : IRingConsumer
    {
        public List<ulong> Published { get; } = [];
        public ulong Position => inner.Position;
        public ulong Size => inner.Size;
        public RingPeek TryPeek(out ReadOnlySpan<byte> record) => inner.TryPeek(out record);
        public void Advance() => inner.Advance();

        public void Publish()
        {
            inner.Publish();
            if (Published.Count == 0 || Published[^1] != inner.Position) Published.Add(inner.Position);
        }
    }
}
