using Akka.TestKit.Xunit2;
using Capture.Actors.Protocol;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Sinks;
using Capture.Actors.Specs.Simulation;
using CsCheck;

namespace Capture.Actors.Specs.Streams;

public sealed class MergeOrderSpecs : SpecKit
{
    const ulong Millisecond = 1_000_000;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(64)]
    public async Task Merge_must_emit_every_event_in_timestamp_order(int rings)
    {
        var simulation = new SimulationSettings { Seed = 42, Rings = rings, MeanGapNs = 2_000, ReorderWithinNs = 50_000 };
        var events = await RunAndCollect(simulation, 4 * Millisecond, Millisecond / 2);

        AssertOrderedAndComplete(events, Reference.Collect(simulation, 4 * Millisecond, Millisecond / 2));
    }

    [Fact]
    public async Task Merge_must_keep_order_across_ring_counts_idle_rings_bursts_and_reorder_for_any_seed()
    {
        var scenarios =
            from seed in Gen.Int[1, 1_000_000]
            from rings in Gen.OneOf(1, 2, 16, 64)
            from idle in Gen.Int[0, 63].HashSet[0, 8]
            from reorder in Gen.ULong[0, 100_000]
            from burstRing in Gen.Int[0, 63]
            from burstSize in Gen.Int[0, 3_000]
            select new SimulationSettings
            {
                Seed = seed,
                Rings = rings,
                MeanGapNs = 5_000,
                IdleRings = idle.Where(r => r < rings - 1).ToHashSet(), // ring rings-1 stays busy
                ReorderWithinNs = reorder,
                Faults = [new Burst(burstRing % rings, Millisecond, burstSize)],
            };

        await scenarios.SampleAsync(async simulation =>
        {
            var events = await RunAndCollect(simulation, 3 * Millisecond, Millisecond);
            AssertOrderedAndComplete(events, Reference.Collect(simulation, 3 * Millisecond, Millisecond));
        }, iter: 6, threads: 1);
    }

    [Fact]
    public async Task Idle_rings_must_not_hold_back_the_busy_ones()
    {
        var simulation = new SimulationSettings { Seed = 8, Rings = 4, MeanGapNs = 2_000, IdleRings = new HashSet<int> { 0, 1, 3 } };
        var sink = new CountingSink();
        var capture = SimulatedCapture.Start(this, simulation, [new SinkBinding(sink, new SinkPolicy.Lossless())]);
        await capture.AwaitStateAsync(DriverState.Running);

        capture.Run(3 * Millisecond, Millisecond / 2);

        // Before the run ends (which would flush everything), ring 2's events come out: the
        // idle rings' watermarks follow the clock. The clock keeps moving while we wait, as it
        // does on a real machine, so a watermark read just before the last step cannot be the
        // last one the idle rings ever give (seen on a loaded machine: no output for 15 s).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (sink.Events == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
            capture.Run(Millisecond / 10, Millisecond / 10);
        }
        Assert.True(sink.Events > 0, $"no event left the merge while three of four rings were idle: {capture.Stats}");
        await capture.FinishAsync();
        Assert.Equal(capture.Kernel.Totals.Generated, sink.Events);
    }

    async Task<IReadOnlyList<Reference.Event>> RunAndCollect(SimulationSettings simulation, ulong duration, ulong step)
    {
        var sink = new CollectingSink();
        var capture = SimulatedCapture.Start(this, simulation, [new SinkBinding(sink, new SinkPolicy.Lossless())]);
        await capture.AwaitStateAsync(DriverState.Running);
        capture.Run(duration, step);
        await capture.FinishAsync();

        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
        Assert.All(capture.Stats.Stages, stage => Assert.True(stage.Balances, stage.ToString()));
        Assert.Equal(0, capture.Stats.Merge.Dropped(Actors.Accounting.DropReason.Late));
        return sink.Events.Select(e => new Reference.Event(e.Timestamp, e.Cpu, e.Frame)).ToList();
    }

    static void AssertOrderedAndComplete(IReadOnlyList<Reference.Event> merged, List<Reference.Event> expected)
    {
        for (var i = 1; i < merged.Count; i++)
            Assert.True(merged[i - 1].Timestamp <= merged[i].Timestamp,
                $"event {i} at {merged[i].Timestamp} (cpu {merged[i].Cpu}) follows one at {merged[i - 1].Timestamp} (cpu {merged[i - 1].Cpu})");
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Canonical(), merged.Canonical());
    }
}
