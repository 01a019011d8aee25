using System.Diagnostics;
using Akka.TestKit.Xunit2;
using Capture.Actors.Drivers.Modern;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Actors.Specs.Simulation;
using Capture.Native.Probe;
using Capture.Actors.Accounting;

namespace Capture.Actors.Specs.EndToEnd;

/// <summary>The ordering and accounting rules on the real kernel: the embedded probe through the whole graph.</summary>
public sealed class ModernProbePipelineSpecs : SpecKit
{
    [KernelFact]
    public async Task Live_events_must_arrive_in_timestamp_order_and_the_kernels_books_must_balance_with_the_pipelines()
    {
        var sink = new CountingSink();
        var (loader, capture) = await StartOnProbe(new ProbeSettings { BufferBytes = 1 << 20 }, sink);

        // Load from another process on both CPUs while the capture runs.
        using (var load = Process.Start("sh", ["-c", "for i in $(seq 2000); do cat /etc/hostname > /dev/null; done"]))
            await load.WaitForExitAsync();
        await Stop(capture);

        Assert.True(sink.Events > 10_000, $"only {sink.Events} events arrived");
        Assert.Equal(0, sink.OutOfOrder);
        var kernel = loader.DetachedCounters!.Total;
        var losses = capture.Stats.RingLosses;
        var late = capture.Stats.Merge.Dropped(DropReason.Late);
        Assert.Equal((long)kernel.EventsSeen, sink.Events + (long)kernel.Dropped + losses.Corrupt + losses.Unread + late);
        Assert.All(capture.Stats.Stages, stage => Assert.True(stage.Balances, stage.ToString()));
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    [KernelFact]
    public async Task Live_batches_must_cross_two_thread_hand_offs_to_a_sink_and_every_frame_must_be_copied_once()
    {
        var route = new RouteSink();
        var (_, capture) = await StartOnProbe(new ProbeSettings { BufferBytes = 1 << 20 }, route);

        await Getppid(2000);
        await Stop(capture);

        // The polling thread to the stream, the stream to the sink's thread; one copy, out of the kernel ring.
        Assert.True(route.BatchesByHandOffs.Keys.SequenceEqual([2]), route.ToString());
        Assert.True(route.FramesByCopies.Keys.SequenceEqual([1]), route.ToString());
        // Every frame the merge let out was seen (what the stop left in the rings is counted unread, not here).
        Assert.Equal(capture.Stats.Merge.Out, route.FramesByCopies.Values.Sum());
        Assert.True(route.FramesByCopies[1] > 1000, route.ToString());
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    [KernelFact]
    public async Task A_reload_must_keep_the_kernels_counts_growing_and_add_the_old_probes_final_counts_to_the_new_ones()
    {
        var sink = new CountingSink();
        var (loader, capture) = await StartOnProbe(new ProbeSettings { BufferBytes = 1 << 20, Interest = Native.Probe.NativeSyscalls.NumbersOf("getppid") }, sink);

        await Getppid(2000);
        var beforeReload = loader.TotalCounters()!.Total.EventsSeen;
        Assert.True(beforeReload >= 2000, $"the first probe saw only {beforeReload}");
        capture.Pipeline.Supervisor.Tell(new ReloadDriver("SIGHUP"), Akka.Actor.ActorRefs.NoSender);
        await capture.AwaitStateAsync(DriverState.Reloading);
        await capture.AwaitStateAsync(DriverState.Running);
        var firstProbe = loader.DetachedCounters!.Total.EventsSeen;
        var afterReload = loader.TotalCounters()!.Total.EventsSeen;
        Assert.True(firstProbe >= beforeReload, $"the first probe's final count {firstProbe} is below what it showed before ({beforeReload})");
        Assert.True(afterReload >= firstProbe, $"the total went back from {firstProbe} to {afterReload} after the reload");

        await Getppid(2000);
        Assert.True(loader.TotalCounters()!.Total.EventsSeen >= firstProbe + 2000, "the new probe's counts must add to the old one's");
        await Stop(capture);

        // The books balance over both probes: the old one's final counts are in the total, exactly once.
        var kernel = loader.DetachedCounters!.Total;
        var losses = capture.Stats.RingLosses;
        var late = capture.Stats.Merge.Dropped(DropReason.Late);
        Assert.Equal((long)kernel.EventsSeen, sink.Events + (long)kernel.Dropped + losses.Corrupt + losses.Unread + late);
        Assert.Equal(kernel.EventsSeen, loader.TotalCounters()!.Total.EventsSeen);
    }

    [KernelFact]
    public async Task A_stop_must_deliver_what_the_probe_had_written_before_it_instead_of_counting_it_unread()
    {
        // Only getppid: nothing else reaches the rings, so every event written is one of these.
        var sink = new CountingSink();
        var (loader, capture) = await StartOnProbe(new ProbeSettings { BufferBytes = 1 << 20, Interest = NativeSyscalls.NumbersOf("getppid") }, sink);

        // Stopped the moment the loop ends: its last events are still in the kernel rings.
        await Getppid(5000);
        await Stop(capture);

        var kernel = loader.DetachedCounters!.Total;
        Assert.Equal(0UL, kernel.Dropped);
        Assert.Equal(0, capture.Stats.RingLosses.Unread);
        Assert.Equal((long)kernel.EventsSeen, sink.Events);
        Assert.True(sink.Events >= 5000, $"only {sink.Events} of the loop's 5000 getppid exits arrived");
    }

    /// <summary>The whole graph on the embedded probe loaded with <paramref name="settings"/>, into one lossless sink; returned once it runs.</summary>
    async Task<(ModernDriverLoader Loader, SimulatedCapture Capture)> StartOnProbe(ProbeSettings settings, ICaptureSink sink)
    {
        var loader = new ModernDriverLoader(settings);
        var capture = SimulatedCapture.Start(this, new(), [new SinkBinding(sink, new SinkPolicy.Lossless())], loader: _ => loader);
        await capture.AwaitStateAsync(DriverState.Running);
        return (loader, capture);
    }

    static async Task Stop(SimulatedCapture capture)
    {
        capture.Pipeline.Supervisor.Tell(StopCapture.Instance, Akka.Actor.ActorRefs.NoSender);
        await capture.Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    static async Task Getppid(int times)
    {
        using var load = Process.Start(Path.Combine(RepoPaths.Root, "artifacts", "driver", "capture_testprog"), ["loop", "getppid", times.ToString()]);
        await load.WaitForExitAsync();
    }
}
