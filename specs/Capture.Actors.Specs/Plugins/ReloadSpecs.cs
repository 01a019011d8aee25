using Capture.Actors.Specs.Simulation;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Plugins;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Native.Batches;
using Capture.Plugins;

namespace Capture.Actors.Specs.Plugins;

public sealed class ReloadSpecs : SpecKit
{
    const ulong Millisecond = 1_000_000;

    static readonly SimulationSettings Simulation = new() { Seed = 55, Rings = 3, MeanGapNs = 3_000 };

    sealed class CompletingSink : IPluginSink
    {
        long _events;
        public string Name => "tally";
        public long Events => Interlocked.Read(ref _events);
        public bool Completed { get; private set; }

        public void Write(EventBatchView batch) => Interlocked.Add(ref _events, batch.Count);

        public void Gap(CaptureHole hole) { }
        public void Complete() => Completed = true;
    }

    [Fact]
    public async Task Plugins_must_reload_with_the_driver_without_stopping_the_stream()
    {
        var stages = new ConcurrentQueue<RecordingStage>();
        var sinks = new ConcurrentQueue<CompletingSink>();
        var host = PluginHost.FromInstances(() =>
        {
            var stage = new RecordingStage();
            var sink = new CompletingSink();
            stages.Enqueue(stage);
            sinks.Enqueue(sink);
            return [new SpecPlugin("watcher", r =>
            {
                r.AddStage(ExtensionPoint.AfterMerge, stage);
                r.AddSink(sink, SinkDelivery.Lossless());
            })];
        });
        var reloads = CreateTestProbe();
        Sys.EventStream.Subscribe(reloads.Ref, typeof(PluginsReloaded));
        var collected = new CollectingSink("collected");
        var capture = await PluginCapture.StartAsync(this, Simulation, [new SinkBinding(collected, new SinkPolicy.Lossless())], host);

        capture.Run(2 * Millisecond, Millisecond / 4);
        // The sink runs on its own thread: wait until it took the first generation up too, or a
        // loaded machine could reload before its first batch and the first instance would never be its.
        await EventuallyAsync(() => stages.First().Batches.Count > 0 && sinks.First().Events > 0, TimeSpan.FromSeconds(10));
        capture.Pipeline.Supervisor.Tell(new ReloadDriver("new settings"));
        Assert.Equal(2, (await reloads.FishForMessageAsync<PluginsReloaded>(r => r.Generation == 2, TimeSpan.FromSeconds(10))).Generation);
        await capture.States.FishForMessageAsync<DriverStateChanged>(m => m.State == DriverState.Running, TimeSpan.FromSeconds(10));
        capture.Run(2 * Millisecond, Millisecond / 4);
        await capture.FinishAsync();

        var (first, second) = (stages.ToArray()[0], stages.ToArray()[1]);
        var (firstSink, secondSink) = (sinks.ToArray()[0], sinks.ToArray()[1]);
        Assert.NotEmpty(first.Batches);
        Assert.NotEmpty(second.Batches);
        Assert.True(firstSink.Completed, "the old sink instance must be completed when the new one takes over");
        Assert.True(secondSink.Completed);
        // One stream throughout: both instances together saw every event, each exactly once, and the gap between them.
        Assert.Equal(collected.Events.Count, first.Batches.Sum(b => b.Timestamps.Length) + second.Batches.Sum(b => b.Timestamps.Length));
        Assert.Equal(collected.Events.Count, firstSink.Events + secondSink.Events);
        Assert.Single(collected.Gaps);
        Assert.True(first.Batches.Max(b => b.Timestamps.Max()) <= second.Batches.Min(b => b.Timestamps.Min()));
        Assert.All(capture.Stats.Stages, s => Assert.True(s.Balances, s.ToString()));
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    [Fact]
    public async Task A_reload_from_a_directory_must_load_a_new_context_and_unload_the_old_one()
    {
        var directory = PluginBuilds.Directory(("keep", PluginBuilds.FilterSample));
        var host = PluginHost.FromDirectory(directory, PluginCapture.Configuration(("Plugins:keep:Types:0", "open")));
        var firstContext = WeakContext(host);
        var capture = await PluginCapture.StartAsync(this, Simulation, [new SinkBinding(new CountingSink("counted"), new SinkPolicy.Lossless())], host);

        capture.Run(Millisecond, Millisecond / 4);
        var reload = host.Reload();
        Assert.Empty(reload.Problems);
        var secondContext = WeakContext(host);
        capture.Run(Millisecond, Millisecond / 4);

        // Once every extension point and sink has moved on, the old context goes.
        await AwaitConditionAsync(() =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return Task.FromResult(!firstContext.IsAlive);
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        Assert.True(secondContext.IsAlive);
        Assert.Equal(2, host.Generation);
        await capture.FinishAsync();
        System.IO.Directory.Delete(directory, recursive: true);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static WeakReference WeakContext(PluginHost host) => new(Assert.Single(host.Plugins).Context);
}
