using Akka.TestKit.Xunit2;
using Capture.Actors.Protocol;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Sinks;
using Capture.Actors.Specs.Simulation;
using Capture.Actors.Streams;
using Capture.Actors.Accounting;

namespace Capture.Actors.Specs.Streams;

public sealed class AccountingSpecs : SpecKit
{
    const ulong Millisecond = 1_000_000;

    [Fact]
    public async Task Counts_must_reconcile_exactly_with_drops_at_the_kernel_at_a_lossy_sink_corrupt_frames_and_late_events()
    {
        var simulation = new SimulationSettings
        {
            Seed = 7,
            Rings = 4,
            MeanGapNs = 2_000,
            Faults =
            [
                new KernelDrops(1, Millisecond, 37),
                new KernelDrops(3, 3 * Millisecond, 5),
                new CorruptFrame(3, 3 * Millisecond / 2),
                new CorruptFrame(0, 5 * Millisecond / 2),
                new LateEvent(2, 2 * Millisecond, 19 * Millisecond / 10),
                new LateEvent(2, 3 * Millisecond, 28 * Millisecond / 10),
                new LateEvent(0, 4 * Millisecond, 39 * Millisecond / 10),
            ],
        };
        var complete = new CountingSink("complete");
        var lossy = new GatedSink("lossy");
        var capture = SimulatedCapture.Start(this, simulation,
        [
            new SinkBinding(complete, new SinkPolicy.Lossless()),
            new SinkBinding(lossy, new SinkPolicy.Lossy(Capacity: 1)),
        ]);
        await capture.AwaitStateAsync(DriverState.Running);

        capture.Run(5 * Millisecond, Millisecond / 2);
        capture.Kernel.Finish();
        await complete.Completed.WaitAsync(TimeSpan.FromSeconds(20)); // everything went past the lossy sink
        lossy.Open();
        await capture.Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(20));

        var kernel = capture.Kernel.Totals;
        var stats = capture.Stats;
        var merge = stats.Merge.Snapshot();
        var lossyReport = stats.Sink("lossy").Snapshot();
        var completeReport = stats.Sink("complete").Snapshot();

        // The kernel's own books close.
        Assert.Equal(kernel.Generated, kernel.KernelDropped + kernel.Written);
        Assert.Equal(kernel.Written, kernel.Delivered + kernel.Corrupt + kernel.Unread);
        // What travelled with the stream is exactly what the kernel counted.
        Assert.Equal(42, kernel.KernelDropped);
        Assert.Equal(2, kernel.Corrupt);
        Assert.Equal(new Protocol.DropDelta(kernel.KernelDropped, kernel.Corrupt, kernel.Unread), stats.RingLosses);
        // Every stage balances, and each hands on what the previous one put out.
        Assert.All(stats.Stages, stage => Assert.True(stage.Balances, stage.ToString()));
        Assert.Equal(kernel.Delivered, merge.In);
        Assert.Equal(3, merge.DroppedFor(DropReason.Late));
        Assert.Equal(merge.Out, completeReport.In);
        Assert.Equal(merge.Out, lossyReport.In);
        Assert.True(lossyReport.DroppedFor(DropReason.SinkOverflow) > 0, lossyReport.ToString());
        Assert.Equal(lossyReport.Out, lossy.Events);
        Assert.Equal(completeReport.Out, complete.Events);
        // End to end: every event generated is in the complete sink or has a named loss.
        Assert.Equal(kernel.Generated, complete.Events + stats.RingLosses.Total + merge.DroppedTotal);
        Assert.Equal(0, complete.OutOfOrder);
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    [Fact]
    public async Task Backpressure_must_reach_the_kernel_when_a_lossless_sink_stops_taking()
    {
        var simulation = new SimulationSettings { Seed = 11, Rings = 4, MeanGapNs = 2_000, RingCapacity = 2_048 };
        var stuck = new GatedSink("stuck");
        var capture = SimulatedCapture.Start(this, simulation, [new SinkBinding(stuck, new SinkPolicy.Lossless(Capacity: 1))]);
        await capture.AwaitStateAsync(DriverState.Running);

        capture.Run(100 * Millisecond, Millisecond);
        var generated = capture.Kernel.Totals.Generated;
        var droppedWhileStuck = capture.Kernel.Totals.KernelDropped;
        stuck.Open();
        await capture.FinishAsync();

        var kernel = capture.Kernel.Totals;
        Assert.True(droppedWhileStuck > generated / 2, $"the kernel dropped only {droppedWhileStuck} of {generated} while the sink was stuck");
        Assert.Equal(kernel.KernelDropped, capture.Stats.RingLosses.Kernel);
        Assert.True(kernel.Generated == stuck.Events + kernel.KernelDropped, $"{kernel} sink {stuck.Events}; {capture.Stats}");
        Assert.All(capture.Stats.Stages, stage => Assert.Equal(0, stage.DroppedTotal));
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    [Fact]
    public async Task A_stalled_ring_must_not_hold_back_the_others_beyond_the_allowed_lag()
    {
        const int stalled = 2;
        var simulation = new SimulationSettings
        {
            Seed = 5,
            Rings = 4,
            MeanGapNs = 10_000,
            Faults = [new StallRing(stalled, 2 * Millisecond, 40 * Millisecond)],
        };
        var sink = new CollectingSink();
        var settings = SimulatedCapture.Fast with { Merge = new MergeSettings { MaxRingLagNs = 5 * Millisecond, StallTimeout = TimeSpan.FromMilliseconds(100) } };
        var capture = SimulatedCapture.Start(this, simulation, [new SinkBinding(sink, new SinkPolicy.Lossless())], settings);
        await capture.AwaitStateAsync(DriverState.Running);

        // While ring 2 is stalled, the others' events keep coming out well past where it stopped.
        await RunSettled(capture, 30 * Millisecond, Millisecond / 2, except: stalled);
        var start = simulation.StartTime;
        await EventuallyAsync(() => sink.Events.Any(e => e.Cpu != stalled && e.Timestamp > start + 20 * Millisecond), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(sink.Events, e => e.Cpu == stalled && e.Timestamp > start + 3 * Millisecond);

        await RunSettled(capture, 10 * Millisecond, Millisecond / 2, except: stalled);
        await RunSettled(capture, 10 * Millisecond, Millisecond / 2, except: -1); // the stall has lifted
        await capture.FinishAsync();

        var events = sink.Events;
        for (var i = 1; i < events.Count; i++) Assert.True(events[i - 1].Timestamp <= events[i].Timestamp, $"event {i} out of order");
        var kernel = capture.Kernel.Totals;
        var late = capture.Stats.Merge.Dropped(DropReason.Late);
        Assert.True(late > 0, "what the stalled ring produced while the others moved on must count as late");
        Assert.True(capture.Stats.LaggingEpisodes >= 1);
        Assert.Equal(kernel.Generated, events.Count + kernel.KernelDropped + late);
        Assert.All(capture.Stats.Stages, stage => Assert.True(stage.Balances, stage.ToString()));
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    /// <summary>
    /// Advances step by step, waiting after each step until the readers of every ring but
    /// <paramref name="except"/> have taken all it produced, so no healthy ring falls behind.
    /// </summary>
    async Task RunSettled(SimulatedCapture capture, ulong duration, ulong step, int except)
    {
        for (ulong t = 0; t < duration; t += step)
        {
            capture.Kernel.Advance(step);
            await AwaitConditionAsync(() => Task.FromResult(
                Enumerable.Range(0, capture.Kernel.Settings.Rings).All(r => r == except || capture.Kernel.Queued(r) == 0)),
                TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(1));
        }
    }
}
