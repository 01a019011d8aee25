using Capture.Actors.Specs.Simulation;
using Akka.TestKit.Xunit2;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Plugins;
using Capture.Actors.Sinks;
using Capture.Plugins;
using Capture.Actors.Accounting;

namespace Capture.Actors.Specs.Plugins;

public sealed class IsolationSpecs : SpecKit
{
    const ulong Millisecond = 1_000_000;

    static readonly SimulationSettings Simulation = new() { Seed = 33, Rings = 3, MeanGapNs = 3_000 };

    /// <summary>What a sink receives from this simulation with no plugin at all.</summary>
    async Task<IReadOnlyList<CollectingSink.Event>> Unplugged()
    {
        var sink = new CollectingSink("collected");
        var capture = await PluginCapture.StartAsync(this, Simulation, [new SinkBinding(sink, new SinkPolicy.Lossless())], PluginCapture.Host());
        capture.Run(4 * Millisecond, Millisecond / 4);
        await capture.FinishAsync();
        return sink.Events;
    }

    [Fact]
    public async Task A_throwing_plugin_must_be_isolated_and_the_rest_of_the_output_unchanged()
    {
        var expected = await Unplugged();
        var throwsAfterMerge = new ThrowingStage(throwOn: 3);
        var throwsBeforeMerge = new ThrowingStage(throwOn: 5);
        var sink = new CollectingSink("collected");
        var other = new CountingSink("other");
        var plugin = new SpecPlugin("clumsy", r =>
        {
            r.AddStage(ExtensionPoint.AfterDecode, throwsBeforeMerge);
            r.AddStage(ExtensionPoint.AfterMerge, throwsAfterMerge);
            r.AddSink(new ThrowingSink(throwOn: 2), SinkDelivery.Lossless());
        });
        var capture = await PluginCapture.StartAsync(this, Simulation,
            [new SinkBinding(sink, new SinkPolicy.Lossless()), new SinkBinding(other, new SinkPolicy.Lossless())],
            PluginCapture.Host(plugin));

        capture.Run(4 * Millisecond, Millisecond / 4);
        await capture.FinishAsync();

        Assert.Equal(expected, sink.Events, CollectedEventComparer.Instance);
        Assert.Equal(expected.Count, other.Events);
        var failures = capture.Stats.PluginFailures;
        Assert.Contains(failures, f => f.Plugin == "clumsy" && f.Where == "after-decode" && f.Outcome == "bypassed");
        Assert.Contains(failures, f => f.Plugin == "clumsy" && f.Where == "after-merge" && f.Outcome == "bypassed");
        Assert.Contains(failures, f => f.Plugin == "clumsy" && f.Where == "sink clumsy/throws" && f.Outcome == "stopped" && f.Cause is IOException);
        Assert.Contains(capture.Stats.SinkFailures, f => f.Sink == "clumsy/throws");
        Assert.Contains("plugin clumsy (after-merge) bypassed", capture.Stats.ToString());
        // Bypassed: called until they threw, never again.
        Assert.Equal(3, throwsAfterMerge.Calls);
        Assert.Equal(5, throwsBeforeMerge.Calls);
        Assert.All(capture.Stats.Stages, s => Assert.True(s.Balances, s.ToString()));
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    [Fact]
    public async Task A_plugin_that_fails_closed_must_drop_what_reaches_it_afterwards_and_count_it()
    {
        var stage = new ThrowingStage(throwOn: 4);
        var sink = new CollectingSink("collected");
        var plugin = new SpecPlugin("strict", r => r.AddStage(ExtensionPoint.AfterMerge, stage, PluginFailurePolicy.FailClosed));
        var capture = await PluginCapture.StartAsync(this, Simulation, [new SinkBinding(sink, new SinkPolicy.Lossless())], PluginCapture.Host(plugin));

        capture.Run(4 * Millisecond, Millisecond / 4);
        await capture.FinishAsync();

        var report = capture.Stats.Extension(PluginStage.StageName("strict", ExtensionPoint.AfterMerge)).Snapshot();
        Assert.True(report.Balances, report.ToString());
        Assert.Equal(capture.Stats.Merge.Out, report.In);
        Assert.Equal(report.Out, sink.Events.Count);
        Assert.True(report.DroppedFor(DropReason.PluginFailed) > 0, report.ToString());
        Assert.Contains(capture.Stats.PluginFailures, f => f.Plugin == "strict" && f.Outcome == "failed closed");
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    [Fact]
    public async Task A_hanging_plugin_must_be_reported_at_its_deadline_and_bypassed_once_it_returns()
    {
        var expected = await Unplugged();
        var hangs = new HangingStage(hangOn: 2);
        var sink = new CollectingSink("collected");
        var plugin = new SpecPlugin("sleepy", r => r.AddStage(ExtensionPoint.AfterMerge, hangs));
        var host = PluginHost.FromInstances(() => [plugin], settings: new PluginSettings { HangAfter = TimeSpan.FromMilliseconds(200) });
        var capture = await PluginCapture.StartAsync(this, Simulation, [new SinkBinding(sink, new SinkPolicy.Lossless())], host);
        try
        {
            capture.Run(4 * Millisecond, Millisecond / 4);
            // Stages run on the stream's thread: the watchdog reports the hang while it lasts.
            await EventuallyAsync(() => capture.Stats.PluginFailures.Any(f => f.Plugin == "sleepy"), TimeSpan.FromSeconds(10));
            Assert.True(hangs.Hanging, "the hang must be reported while the stage is still stuck");
        }
        finally
        {
            hangs.LetGo();
        }
        await capture.FinishAsync();

        // Fail open: the batch the stage held goes on unchanged, and so does everything after it.
        Assert.Equal(expected, sink.Events, CollectedEventComparer.Instance);
        Assert.Contains(capture.Stats.PluginFailures, f => f.Plugin == "sleepy" && f.Cause is TimeoutException);
        Assert.All(capture.Stats.Stages, s => Assert.True(s.Balances, s.ToString()));
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    sealed class BlockedSink : IPluginSink
    {
        readonly ManualResetEventSlim _gate = new(false);
        public string Name => "blocked";
        public void LetGo() => _gate.Set();

        public void Write(EventBatchView batch) => _gate.Wait();

        public void Gap(CaptureHole hole) { }
        public void Complete() { }
    }

    [Fact]
    public async Task A_blocked_lossy_plugin_sink_must_not_hold_back_the_capture_beyond_its_own_buffer()
    {
        var blocked = new BlockedSink();
        var plugin = new SpecPlugin("stuck", r => r.AddSink(blocked, SinkDelivery.Lossy(capacity: 2)));
        var counted = new CountingSink("counted");
        var capture = await PluginCapture.StartAsync(this, Simulation, [new SinkBinding(counted, new SinkPolicy.Lossless())], PluginCapture.Host(plugin));
        try
        {
            capture.Run(4 * Millisecond, Millisecond / 4);
            capture.Kernel.Finish();
            await counted.Completed.WaitAsync(TimeSpan.FromSeconds(20)); // everything went past the blocked sink
        }
        finally
        {
            blocked.LetGo();
        }
        await capture.Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        capture.Plugins.Dispose();

        var kernel = capture.Kernel.Totals;
        Assert.Equal(kernel.Generated, counted.Events);
        var stuck = capture.Stats.Sink("stuck/blocked").Snapshot();
        Assert.Equal(counted.Events, stuck.In);
        Assert.True(stuck.DroppedFor(DropReason.SinkOverflow) > 0, stuck.ToString());
        Assert.All(capture.Stats.Stages, s => Assert.True(s.Balances, s.ToString()));
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    sealed class CollectedEventComparer : IEqualityComparer<CollectingSink.Event>
    {
        public static readonly CollectedEventComparer Instance = new();

        public bool Equals(CollectingSink.Event? x, CollectingSink.Event? y) =>
            x is not null && y is not null && x.Timestamp == y.Timestamp && x.Cpu == y.Cpu && x.Frame.AsSpan().SequenceEqual(y.Frame);

        public int GetHashCode(CollectingSink.Event e) => HashCode.Combine(e.Timestamp, e.Cpu);
    }
}
