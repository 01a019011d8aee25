using Akka.TestKit.Xunit2;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Actors.Specs.Simulation;
using Capture.Native.Batches;
using Capture.Actors.Accounting;

namespace Capture.Actors.Specs.Sinks;

public sealed class FanOutSpecs : SpecKit
{
    const ulong Millisecond = 1_000_000;

    /// <summary>Takes a few batches, then throws; it releases what it was given, as the contract asks.</summary>
    sealed class ThrowingSink(int throwOnWrite) : ICaptureSink
    {
        int _writes;
        public string Name => "throwing";
        public void Write(EventBatch batch)
        {
            try
            {
                if (++_writes == throwOnWrite) throw new IOException("disk full");
            }
            finally
            {
                batch.Release();
            }
        }
        public void Gap(CaptureGap gap) { }
        public void Complete() => throw new InvalidOperationException("a failed sink must not be completed");
    }

    [Fact]
    public async Task A_sink_that_throws_must_be_cut_off_and_reported_while_the_others_go_on()
    {
        var failures = CreateTestProbe();
        Sys.EventStream.Subscribe(failures.Ref, typeof(SinkFailure));
        var healthy = new CountingSink("healthy");
        var capture = SimulatedCapture.Start(this, new SimulationSettings { Seed = 9, Rings = 4, MeanGapNs = 2_000 },
        [
            new SinkBinding(new ThrowingSink(throwOnWrite: 3), new SinkPolicy.Lossless()),
            new SinkBinding(healthy, new SinkPolicy.Lossless()),
        ]);
        await capture.AwaitStateAsync(DriverState.Running);

        capture.Run(4 * Millisecond, Millisecond / 2);
        await capture.FinishAsync();

        var failure = await failures.ExpectMsgAsync<SinkFailure>();
        Assert.Equal("throwing", failure.Sink);
        Assert.IsType<IOException>(failure.Cause);
        var merge = capture.Stats.Merge.Snapshot();
        var thrown = capture.Stats.Sink("throwing").Snapshot();
        Assert.Equal(capture.Kernel.Totals.Delivered, healthy.Events);
        Assert.Equal(merge.Out, thrown.In);
        Assert.True(thrown.Balances, thrown.ToString());
        Assert.True(thrown.Out > 0 && thrown.DroppedFor(DropReason.SinkFailed) > 0, thrown.ToString());
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    [Fact]
    public async Task The_pool_must_get_every_batch_back_after_a_long_run_with_faults_a_crash_and_a_failing_sink()
    {
        var simulation = new SimulationSettings
        {
            Seed = 21,
            Rings = 16,
            MeanGapNs = 5_000,
            RingCapacity = 4_096,
            ReorderWithinNs = 50_000,
            Faults =
            [
                new CorruptFrame(3, 10 * Millisecond), new LateEvent(5, 20 * Millisecond, 15 * Millisecond),
                new KernelDrops(7, 30 * Millisecond, 1_000), new Burst(1, 40 * Millisecond, 5_000),
                new Crash(50 * Millisecond),
            ],
        };
        var complete = new CountingSink("complete");
        var capture = SimulatedCapture.Start(this, simulation,
        [
            new SinkBinding(complete, new SinkPolicy.Lossless()),
            new SinkBinding(new CountingSink("lossy"), new SinkPolicy.Lossy(Capacity: 1)),
            new SinkBinding(new ThrowingSink(throwOnWrite: 10), new SinkPolicy.Lossless()),
        ]);
        await capture.AwaitStateAsync(DriverState.Running);

        capture.Run(50 * Millisecond, Millisecond);
        await capture.AwaitStateAsync(DriverState.Reloading);
        await capture.AwaitStateAsync(DriverState.Running);
        capture.Run(50 * Millisecond, Millisecond);
        await capture.FinishAsync();

        var kernel = capture.Kernel.Totals;
        var stats = capture.Stats;
        Assert.True(kernel.Generated > 250_000, $"only {kernel.Generated} events generated");
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
        Assert.True(capture.Pipeline.Pool.Created < 400, $"{capture.Pipeline.Pool.Created} batches created: the pool did not reuse them");
        Assert.All(stats.Stages, stage => Assert.True(stage.Balances, stage.ToString()));
        Assert.Equal(kernel.Generated, complete.Events + stats.RingLosses.Total + stats.Merge.Snapshot().DroppedTotal);
        Assert.Equal(0, complete.OutOfOrder);
    }
}
