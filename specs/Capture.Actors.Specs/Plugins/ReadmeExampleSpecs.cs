using Akka.TestKit.Xunit2;
using Capture.Actors.Accounting;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Plugins;
using Capture.Actors.Sinks;
using Capture.Actors.Specs.Plugins.Readme;
using Capture.Actors.Specs.Simulation;
using Capture.Native.Schema;
using Capture.Plugins;

namespace Capture.Actors.Specs.Plugins;

public sealed class ReadmeExampleSpecs : SpecKit
{
    const ulong Millisecond = 1_000_000;

    [Fact]
    public async Task The_readme_examples_must_keep_only_opens_and_let_the_last_batch_go_at_the_end()
    {
        var latest = new LatestBatch();
        var host = PluginCapture.Host(new OpensOnly(), new SpecPlugin("latest", r => r.AddSink(latest, SinkDelivery.Lossless())));
        var sink = new CollectingSink("collected");
        var capture = await PluginCapture.StartAsync(this, new SimulationSettings { Seed = 77, Rings = 2, MeanGapNs = 3_000 },
            [new SinkBinding(sink, new SinkPolicy.Lossless())], host);

        capture.Run(2 * Millisecond, Millisecond / 4);
        await capture.FinishAsync();

        Assert.NotEmpty(sink.Events);
        Assert.All(sink.Events, e => Assert.Equal("open", EventTable.Find(e.Type)!.Name));
        var stage = capture.Stats.Extension(PluginStage.StageName("opens-only", ExtensionPoint.AfterMerge)).Snapshot();
        Assert.True(stage.Balances && stage.DroppedFor(DropReason.Filtered) > 0, stage.ToString());
        Assert.Equal(0, latest.LatestCount); // completed: the lease is gone
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }
}
