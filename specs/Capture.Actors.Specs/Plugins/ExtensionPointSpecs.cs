using Akka.TestKit.Xunit2;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Plugins;
using Capture.Actors.Sinks;
using Capture.Actors.Specs.Simulation;
using Capture.Plugins;
using Capture.Plugins.Samples.Filter;
using Capture.Native.Schema;
using Capture.Actors.Accounting;

namespace Capture.Actors.Specs.Plugins;

public sealed class ExtensionPointSpecs : SpecKit
{
    const ulong Millisecond = 1_000_000;

    static readonly SimulationSettings Simulation = new() { Seed = 21, Rings = 4, MeanGapNs = 3_000 };

    [Fact]
    public async Task A_stage_at_each_extension_point_must_see_ordered_batches()
    {
        var afterDecode = new RecordingStage();
        var afterMerge = new RecordingStage();
        var beforeSink = new RecordingStage();
        var sink = new CollectingSink("collected");
        var plugin = new SpecPlugin("recorder", r =>
        {
            r.AddStage(ExtensionPoint.AfterDecode, afterDecode);
            r.AddStage(ExtensionPoint.AfterMerge, afterMerge);
            r.AddStage(ExtensionPoint.BeforeSink("collected"), beforeSink);
        });
        var capture = await PluginCapture.StartAsync(this, Simulation, [new SinkBinding(sink, new SinkPolicy.Lossless())], PluginCapture.Host(plugin));

        capture.Run(4 * Millisecond, Millisecond / 4);
        await capture.FinishAsync();

        // Before the merge: batches of one ring, each ring's events in that ring's order.
        Assert.All(afterDecode.Batches, b => Assert.InRange(b.Ring, 0, Simulation.Rings - 1));
        foreach (var ring in afterDecode.Batches.GroupBy(b => b.Ring))
            AssertNonDecreasing(ring.SelectMany(b => b.Timestamps), $"ring {ring.Key}");
        Assert.Equal(capture.Kernel.Totals.Delivered, afterDecode.Batches.Sum(b => b.Timestamps.Length));
        // After the merge and before the sink: one stream in time order, exactly what the sink got.
        AssertNonDecreasing(afterMerge.Batches.SelectMany(b => b.Timestamps), "after merge");
        AssertNonDecreasing(beforeSink.Batches.SelectMany(b => b.Timestamps), "before sink");
        Assert.Equal(sink.Events.Select(e => e.Timestamp), afterMerge.Batches.SelectMany(b => b.Timestamps));
        Assert.Equal(sink.Events.Select(e => e.Timestamp), beforeSink.Batches.SelectMany(b => b.Timestamps));
        Assert.True(sink.Events.Count > 1000, $"only {sink.Events.Count} events");
        Assert.All(capture.Stats.Stages, s => Assert.True(s.Balances, s.ToString()));
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    [Fact]
    public async Task Accounting_must_add_up_with_a_filtering_plugin()
    {
        var simulation = Simulation with
        {
            Faults = [new KernelDrops(1, Millisecond, 23), new CorruptFrame(2, 2 * Millisecond), new LateEvent(3, 2 * Millisecond, 19 * Millisecond / 10)],
        };
        var keepOpens = KeepFilter.From(EventCatalog.Instance, ["open"], []);
        var sink = new CollectingSink("collected");
        var plugin = new SpecPlugin("keep-open", r => r.AddStage(ExtensionPoint.AfterDecode, keepOpens));
        var capture = await PluginCapture.StartAsync(this, simulation, [new SinkBinding(sink, new SinkPolicy.Lossless())], PluginCapture.Host(plugin));

        capture.Run(4 * Millisecond, Millisecond / 4);
        await capture.FinishAsync();

        var kernel = capture.Kernel.Totals;
        var stats = capture.Stats;
        var filter = stats.Extension(PluginStage.StageName("keep-open", ExtensionPoint.AfterDecode)).Snapshot();
        var merge = stats.Merge.Snapshot();
        Assert.All(stats.Stages, s => Assert.True(s.Balances, s.ToString()));
        Assert.Equal(kernel.Delivered, filter.In);
        Assert.True(filter.DroppedFor(DropReason.Filtered) > filter.Out, filter.ToString()); // two of three simulated syscalls are not opens
        Assert.Equal(filter.Out, merge.In);
        Assert.Equal(merge.Out, sink.Events.Count);
        Assert.All(sink.Events, e => Assert.Equal("open", EventTable.Find(e.Type)!.Name));
        Assert.Equal(kernel.Generated, sink.Events.Count + stats.RingLosses.Total + filter.DroppedTotal + merge.DroppedTotal);
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    [Fact]
    public async Task A_plugin_that_fails_to_register_or_aims_at_an_unknown_sink_must_be_reported_and_the_others_run()
    {
        var recorder = new RecordingStage();
        var host = PluginCapture.Host(
            new SpecPlugin("broken", _ => throw new FormatException("bad Types entry")),
            new SpecPlugin("lost", r => r.AddStage(ExtensionPoint.BeforeSink("nowhere"), new RecordingStage())),
            new SpecPlugin("fine", r => r.AddStage(ExtensionPoint.AfterMerge, recorder)));
        var sink = new CountingSink("counted");
        var capture = await PluginCapture.StartAsync(this, Simulation, [new SinkBinding(sink, new SinkPolicy.Lossless())], host);

        capture.Run(Millisecond, Millisecond / 4);
        await capture.FinishAsync();

        Assert.Contains(host.Problems, p => p.Message == "plugin broken failed to register: FormatException: bad Types entry");
        Assert.Contains(host.Problems, p => p.Source == "lost" && p.Message.StartsWith("adds a stage before sink 'nowhere', and there is no such sink (sinks: counted)"));
        Assert.Equal(["fine", "lost"], host.Plugins.Select(p => p.Name).Order());
        Assert.Equal(sink.Events, recorder.Batches.Sum(b => b.Timestamps.Length));
        Assert.True(sink.Events > 0);
    }

    static void AssertNonDecreasing(IEnumerable<ulong> timestamps, string where)
    {
        ulong previous = 0;
        var index = 0;
        foreach (var ts in timestamps)
        {
            Assert.True(ts >= previous, $"{where}: event {index} at {ts} comes after {previous}");
            previous = ts;
            index++;
        }
    }
}
