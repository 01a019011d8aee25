using Akka.TestKit.Xunit2;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Actors.Specs.Plugins;
using Capture.Actors.Specs.Simulation;
using Capture.Native.Batches;
using Capture.Plugins;
using Capture.Actors.Pipeline;
using Capture.Actors.Accounting;

namespace Capture.Actors.Specs.Sinks;

/// <summary>Sinks that stop making progress: each is cut off at its deadline, counted and reported, and the capture finishes.</summary>
public sealed class StallSpecs : SpecKit
{
    const ulong Millisecond = 1_000_000;
    static readonly TimeSpan Deadline = TimeSpan.FromMilliseconds(300);
    static readonly SimulationSettings Simulation = new() { Seed = 21, Rings = 3, MeanGapNs = 2_000 };
    static PipelineSettings Settings => SimulatedCapture.Fast with { SinkStallTimeout = Deadline };

    /// <summary>Blocks in the call named until the spec lets it go; releases what it was given, as the contract asks.</summary>
    sealed class HangingSink(string name, bool inWrite) : ICaptureSink
    {
        readonly ManualResetEventSlim _gate = new(false);
        long _events;

        public string Name => name;
        public long Events => Interlocked.Read(ref _events);
        public void LetGo() => _gate.Set();

        public void Write(EventBatch batch)
        {
            try
            {
                if (inWrite) _gate.Wait();
                Interlocked.Add(ref _events, batch.Count);
            }
            finally
            {
                batch.Release();
            }
        }

        public void Gap(CaptureGap gap) { }

        public void Complete()
        {
            if (!inWrite) _gate.Wait();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_sink_that_hangs_in_write_must_be_cut_off_at_its_deadline_and_its_events_counted_as_dropped(bool lossless)
    {
        var failures = CreateTestProbe();
        Sys.EventStream.Subscribe(failures.Ref, typeof(SinkFailure));
        var hanging = new HangingSink("hanging", inWrite: true);
        var healthy = new CountingSink("healthy");
        SinkPolicy policy = lossless ? new SinkPolicy.Lossless(Capacity: 2) : new SinkPolicy.Lossy(Capacity: 2);
        var capture = SimulatedCapture.Start(this, Simulation,
            [new SinkBinding(hanging, policy), new SinkBinding(healthy, new SinkPolicy.Lossless())], Settings);
        try
        {
            await capture.AwaitStateAsync(DriverState.Running);
            capture.Run(4 * Millisecond, Millisecond / 4);
            await capture.FinishAsync(); // would wait forever for the hanging sink without a deadline
        }
        finally
        {
            hanging.LetGo();
        }

        var failure = await failures.ExpectMsgAsync<SinkFailure>();
        Assert.Equal("hanging", failure.Sink);
        var stalled = Assert.IsType<SinkStalledException>(failure.Cause);
        Assert.True(stalled.Stalled >= Deadline, stalled.Message);
        Assert.Contains("sink hanging stalled: its write call made no progress for ", stalled.Message);
        var merge = capture.Stats.Merge.Snapshot();
        var report = capture.Stats.Sink("hanging").Snapshot();
        Assert.Equal(merge.Out, healthy.Events);
        Assert.Equal(merge.Out, report.In);
        Assert.True(report.Balances, report.ToString());
        Assert.True(report.DroppedFor(DropReason.SinkStalled) > 0, report.ToString());
        Assert.Equal(0, report.Out); // its late return is not counted as delivered
        Assert.All(capture.Stats.Stages, s => Assert.True(s.Balances, s.ToString()));
        // The stuck call's batch comes back when it returns, released by the sink.
        await EventuallyAsync(() => capture.Pipeline.Pool.Outstanding == 0, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_sink_that_hangs_completing_must_not_keep_the_capture_from_finishing()
    {
        var hanging = new HangingSink("closing", inWrite: false);
        var capture = SimulatedCapture.Start(this, Simulation, [new SinkBinding(hanging, new SinkPolicy.Lossless())], Settings);
        try
        {
            await capture.AwaitStateAsync(DriverState.Running);
            capture.Run(2 * Millisecond, Millisecond / 4);
            await capture.FinishAsync();
        }
        finally
        {
            hanging.LetGo();
        }

        var report = capture.Stats.Sink("closing").Snapshot();
        Assert.Equal(capture.Stats.Merge.Out, report.Out); // everything was written; only the close hung
        var failure = Assert.Single(capture.Stats.SinkFailures);
        Assert.Contains("its complete call made no progress", failure.Cause.Message);
    }

    sealed class ForeverSink : IPluginSink
    {
        readonly ManualResetEventSlim _gate = new(false);
        public string Name => "forever";
        public void LetGo() => _gate.Set();

        public void Write(EventBatchView batch) => _gate.Wait();

        public void Gap(CaptureHole hole) { }
        public void Complete() { }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_plugin_sink_that_blocks_forever_must_be_cut_off_and_the_capture_must_finish(bool lossless)
    {
        var blocked = new ForeverSink();
        var plugin = new SpecPlugin("stuck", r => r.AddSink(blocked, lossless ? SinkDelivery.Lossless(capacity: 2) : SinkDelivery.Lossy(capacity: 2)));
        var counted = new CountingSink("counted");
        var capture = await PluginCapture.StartAsync(this, Simulation, [new SinkBinding(counted, new SinkPolicy.Lossless())], PluginCapture.Host(plugin), Settings);
        try
        {
            capture.Run(4 * Millisecond, Millisecond / 4);
            await capture.FinishAsync();
        }
        finally
        {
            blocked.LetGo();
        }

        Assert.Equal(capture.Stats.Merge.Out, counted.Events);
        var stuck = capture.Stats.Sink("stuck/forever").Snapshot();
        Assert.Equal(counted.Events, stuck.In);
        Assert.True(stuck.DroppedFor(DropReason.SinkStalled) > 0, stuck.ToString());
        Assert.Contains(capture.Stats.SinkFailures, f => f.Sink == "stuck/forever" && f.Cause is SinkStalledException);
        Assert.All(capture.Stats.Stages, s => Assert.True(s.Balances, s.ToString()));
        await EventuallyAsync(() => capture.Pipeline.Pool.Outstanding == 0, TimeSpan.FromSeconds(5));
    }
}
