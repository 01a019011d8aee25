using Akka.TestKit.Xunit2;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Plugins;
using Capture.Actors.Sinks;
using Capture.Actors.Specs.Simulation;
using Capture.Native.Batches;
using Capture.Plugins;

namespace Capture.Actors.Specs.Plugins;

/// <summary>A plugin keeps events past a call only through a lease, and a lease returns exactly one reference.</summary>
public sealed class LeaseSpecs : SpecKit
{
    const ulong Millisecond = 1_000_000;

    static readonly SimulationSettings Simulation = new() { Seed = 66, Rings = 3, MeanGapNs = 3_000 };

    /// <summary>Keeps a lease on every batch, copies its frames during the call to check the lease against, and (wrongly) keeps the last view too.</summary>
    sealed class KeepingSink : IPluginSink
    {
        public List<EventBatchLease> Leases { get; } = [];
        public List<byte[][]> Copies { get; } = [];
        public EventBatchView LastView { get; private set; }

        public string Name => "keeper";

        public void Write(EventBatchView batch)
        {
            Leases.Add(batch.Keep());
            var frames = new byte[batch.Count][];
            for (var i = 0; i < frames.Length; i++) frames[i] = batch[i].Frame.ToArray();
            Copies.Add(frames);
            LastView = batch;
        }

        public void Gap(CaptureHole hole) { }
        public void Complete() { }
    }

    [Fact]
    public async Task A_sink_that_keeps_a_lease_must_read_valid_events_after_the_pipeline_moved_on_and_the_batch_return_once_the_lease_is_disposed()
    {
        var keeper = new KeepingSink();
        var counted = new CountingSink("counted");
        var plugin = new SpecPlugin("hoards", r => r.AddSink(keeper, SinkDelivery.Lossless()));
        var capture = await PluginCapture.StartAsync(this, Simulation, [new SinkBinding(counted, new SinkPolicy.Lossless())], PluginCapture.Host(plugin));

        capture.Run(4 * Millisecond, Millisecond / 4);
        await capture.FinishAsync();

        var pool = capture.Pipeline.Pool;
        Assert.True(keeper.Leases.Count > 3, $"only {keeper.Leases.Count} batches");
        Assert.True(pool.Outstanding >= keeper.Leases.Count, $"{pool.Outstanding} batches out for {keeper.Leases.Count} leases");
        // Long after each call, and after the whole capture: every kept batch still holds what was written.
        for (var k = 0; k < keeper.Leases.Count; k++)
        {
            var kept = keeper.Leases[k].Batch;
            Assert.Equal(keeper.Copies[k].Length, kept.Count);
            for (var i = 0; i < kept.Count; i++)
                Assert.True(kept[i].Frame.SequenceEqual(keeper.Copies[k][i]), $"kept batch {k}, event {i} changed after its call");
        }
        Assert.Equal(counted.Events, keeper.Copies.Sum(c => c.Length));
        // A view kept without a lease is void once its call returned.
        var stale = keeper.LastView;
        Assert.Throws<ObjectDisposedException>(() => stale.Count);

        foreach (var lease in keeper.Leases) lease.Dispose();
        Assert.Equal(0, pool.Outstanding);
        foreach (var lease in keeper.Leases) lease.Dispose(); // harmless: releases nothing twice
        Assert.Equal(0, pool.Outstanding);
        var disposed = keeper.Leases[0];
        Assert.False(disposed.IsHeld);
        Assert.Throws<ObjectDisposedException>(() => disposed.Batch.Count);
    }

    [Fact]
    public void Disposing_a_lease_twice_must_not_release_the_batch_twice()
    {
        var pool = new EventBatchPool(64 * 1024, 512);
        var batch = pool.Rent();
        var frame = new byte[SyscallFrames.MaxFrameBytes];
        for (uint i = 0; i < 3; i++) batch.TryAppend(frame.AsSpan(0, SyscallFrames.Write(frame, 500 + i, 9, i)), 1);
        var loan = new BatchLoan();

        var view = loan.Lend(batch);
        var first = view.Keep();
        var second = view.Keep();
        loan.End();
        batch.Release(); // the host's own reference, as after any call
        Assert.Equal(1, pool.Outstanding);

        first.Dispose();
        first.Dispose();
        var copy = first;
        copy.Dispose();

        Assert.Equal(1, pool.Outstanding); // the second lease still holds it
        Assert.True(second.IsHeld);
        Assert.Equal([500UL, 501UL, 502UL], [second.Batch[0].Timestamp, second.Batch[1].Timestamp, second.Batch[2].Timestamp]);
        Assert.Equal((ushort)1, second.Batch[2].Cpu);
        Assert.Throws<ObjectDisposedException>(() => first.Batch[0].Timestamp);
        second.Dispose();
        Assert.Equal(0, pool.Outstanding);
    }
}
