using Akka.TestKit.Xunit2;
using Capture.Actors.Protocol;
using Capture.Actors.Drivers.Replay;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Sinks;
using Capture.Actors.Specs.Simulation;
using Capture.Actors.Accounting;

namespace Capture.Actors.Specs.Drivers;

public sealed class ReplayDriverSpecs : SpecKit
{
    const ulong Millisecond = 1_000_000;

    [Fact]
    public async Task Replay_must_split_a_capture_by_cpu_and_merge_it_back_in_order()
    {
        // A "file": the events of a 4-CPU simulation in time order, plus two frames that must not pass.
        var simulation = new SimulationSettings { Seed = 13, Rings = 4, MeanGapNs = 3_000, IdleRings = new HashSet<int> { 2 } };
        var expected = Reference.Collect(simulation, 5 * Millisecond, Millisecond).Canonical().ToList();
        var frames = expected.Select(e => ((int)e.Cpu, e.Frame)).ToList();
        frames.Insert(100, (1, new byte[10]));          // shorter than a header
        frames.Insert(200, (9, frames[300].Item2));     // a CPU the capture does not have
        var source = new MemoryFrameSource(cpuCount: 4, frames);

        var sink = new CollectingSink();
        var capture = SimulatedCapture.Start(this, simulation, [new SinkBinding(sink, new SinkPolicy.Lossless())],
            loader: _ => new ReplayDriverLoader("memory", () => source));

        await capture.AwaitStateAsync(DriverState.Completed);
        await capture.Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        var merged = sink.Events.Select(e => new Reference.Event(e.Timestamp, e.Cpu, e.Frame)).ToList();
        for (var i = 1; i < merged.Count; i++) Assert.True(merged[i - 1].Timestamp <= merged[i].Timestamp);
        Assert.Equal(expected, merged.Canonical());
        Assert.Equal(2, capture.Stats.RingLosses.Corrupt);
        Assert.Equal(0, capture.Stats.Merge.Dropped(DropReason.Late));
        Assert.True(source.Disposed);
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    [Fact]
    public async Task A_broken_source_must_end_the_replay_keeping_everything_read_before_the_fault()
    {
        var simulation = new SimulationSettings { Seed = 14, Rings = 2, MeanGapNs = 3_000 };
        var expected = Reference.Collect(simulation, 3 * Millisecond, Millisecond).Canonical().ToList();
        var frames = expected.Select(e => ((int)e.Cpu, e.Frame)).ToList();
        var loader = new ReplayDriverLoader("memory", () => new MemoryFrameSource(cpuCount: 2, frames, breakAt: 700));

        var sink = new CollectingSink();
        var capture = SimulatedCapture.Start(this, simulation, [new SinkBinding(sink, new SinkPolicy.Lossless())], loader: _ => loader);

        await capture.AwaitStateAsync(DriverState.Completed);
        await capture.Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        var merged = sink.Events.Select(e => new Reference.Event(e.Timestamp, e.Cpu, e.Frame));
        Assert.Equal(expected.Take(700), merged.Canonical());
        Assert.Contains("frame 700 is torn", loader.SourceError?.Message);
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }
}
