using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Sinks;
using Capture.Actors.Specs.Plugins;
using Capture.Actors.Specs.Simulation;
using Capture.Plugins;

namespace Capture.Actors.Specs.Streams;

/// <summary>
/// The route of a batch, counted rather than described: the simulated driver fills its rings
/// on the stream's own thread, so its batches reach a sink after the one hand-off from the
/// stream to the sinks' threads (the live probe adds the one from the polling thread; see
/// ModernProbePipelineSpecs), and the merge and plugin stages add none, nor any copy.
/// </summary>
public sealed class RouteSpecs : SpecKit
{
    const ulong Millisecond = 1_000_000;

    [Fact]
    public async Task A_batch_must_reach_its_sinks_after_one_hand_off_and_every_frame_copied_once_with_stages_before_and_after_the_merge()
    {
        var route = new RouteSink();
        var other = new RouteSink("other");
        var before = new RecordingStage();
        var after = new RecordingStage();
        var plugin = new SpecPlugin("observer", r =>
        {
            r.AddStage(ExtensionPoint.AfterDecode, before);
            r.AddStage(ExtensionPoint.AfterMerge, after);
        });
        var simulation = new SimulationSettings { Seed = 5, Rings = 4, MeanGapNs = 2_000 };
        var capture = await PluginCapture.StartAsync(this, simulation,
            [new SinkBinding(route, new SinkPolicy.Lossless()), new SinkBinding(other, new SinkPolicy.Lossless())], PluginCapture.Host(plugin));

        capture.Run(5 * Millisecond, Millisecond / 4);
        await capture.FinishAsync();

        Assert.NotEmpty(before.Batches);
        Assert.NotEmpty(after.Batches);
        var batches = route.BatchesByHandOffs;
        Assert.True(batches.Keys.SequenceEqual([1]), route.ToString());
        Assert.True(route.FramesByCopies.Keys.SequenceEqual([1]), route.ToString());
        Assert.Equal(capture.Stats.Merge.Out, route.FramesByCopies[1]);
        Assert.Equal(route.ToString(), other.ToString()); // one hand-off for the fan-out, however many sinks
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }
}
