using Akka.Actor;
using Capture.Actors.Drivers;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Actors.Specs.Simulation;
using Capture.Native.Batches;
using Capture.Native.Schema;

namespace Capture.Actors.Specs.Supervision;

/// <summary>The supervisor's answer to <see cref="ApplyLiveSettings"/>, on the simulated kernel.</summary>
public sealed class LiveSettingsSupervisorSpecs : SpecKit
{
    const ulong Millisecond = 1_000_000;

    /// <summary>Simulated instances that take live settings as <paramref name="apply"/> says; records what it was told.</summary>
    sealed class LiveLoader(SimulatedKernel kernel, Func<LiveSettings, bool> apply) : IDriverLoader
    {
        readonly SimulatedDriverLoader _inner = new(kernel);

        public string Name => "live-simulated";

        public int Loads => _inner.Loads;

        public List<LiveSettings> Told { get; } = [];

        public List<LiveSettings> Applied { get; } = [];

        public ICaptureDriver Load() => new LiveDriver(_inner.Load(), settings => apply(settings) && Record(settings));

        public void UseLiveSettings(LiveSettings settings)
        {
            lock (Told) Told.Add(settings);
        }

        bool Record(LiveSettings settings)
        {
            lock (Applied) Applied.Add(settings);
            return true;
        }
    }

    sealed class LiveDriver(ICaptureDriver inner, Func<LiveSettings, bool> apply) : ICaptureDriver
    {
        public string Name => inner.Name;
        public SemanticVersion ApiVersion => inner.ApiVersion;
        public SemanticVersion SchemaVersion => inner.SchemaVersion;
        public IReadOnlyList<IEventRing> Start(EventBatchPool pool) => inner.Start(pool);
        public bool TryApplyLive(LiveSettings settings) => apply(settings);
        public void Dispose() => inner.Dispose();
    }

    static readonly LiveSettings OnlyRead = new([0]);

    [Fact]
    public async Task Live_settings_a_driver_can_take_must_change_nothing_else_no_state_no_gap_no_load()
    {
        var sink = new CountingSink();
        LiveLoader? loader = null;
        var capture = SimulatedCapture.Start(this, new() { Seed = 5, Rings = 2, MeanGapNs = 5_000 }, [new SinkBinding(sink, new SinkPolicy.Lossless())],
            loader: kernel => loader = new LiveLoader(kernel, _ => true));
        await capture.AwaitStateAsync(DriverState.Running);
        capture.Run(2 * Millisecond, Millisecond / 2);

        capture.Pipeline.Supervisor.Tell(new ApplyLiveSettings(OnlyRead, "spec"), ActorRefs.NoSender);
        var status = await capture.Pipeline.Supervisor.Ask<DriverStatus>(GetDriverStatus.Instance, TimeSpan.FromSeconds(5));
        Assert.Equal(DriverState.Running, status.State);
        await capture.States.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        capture.Run(2 * Millisecond, Millisecond / 2);
        await capture.FinishAsync();

        Assert.Equal([OnlyRead], loader!.Applied);
        Assert.Equal([OnlyRead], loader.Told); // a later restart must load with them too
        Assert.Equal(1, loader.Loads);
        Assert.Equal(0, sink.Gaps);
        var kernel = capture.Kernel.Totals;
        Assert.Equal(0, kernel.Unread); // one instance, drained at the end: nothing left behind
        Assert.Equal(kernel.Written, sink.Events);
    }

    [Theory]
    [InlineData(false, "cannot change them live")]
    [InlineData(true, "live failed: the map update failed")]
    public async Task Live_settings_a_driver_cannot_take_must_reload_it_with_the_loader_told_first_and_the_gap_saying_why(bool throws, string why)
    {
        var sink = new CountingSink();
        LiveLoader? loader = null;
        var capture = SimulatedCapture.Start(this, new() { Seed = 5, Rings = 2, MeanGapNs = 5_000 }, [new SinkBinding(sink, new SinkPolicy.Lossless())],
            loader: kernel => loader = new LiveLoader(kernel, _ => throws ? throw new InvalidOperationException("the map update failed") : false));
        await capture.AwaitStateAsync(DriverState.Running);
        capture.Run(2 * Millisecond, Millisecond / 2);

        capture.Pipeline.Supervisor.Tell(new ApplyLiveSettings(OnlyRead, "spec"), ActorRefs.NoSender);
        var reloading = await capture.AwaitStateAsync(DriverState.Reloading);
        await capture.AwaitStateAsync(DriverState.Running);
        capture.Run(2 * Millisecond, Millisecond / 2);
        await capture.FinishAsync();

        Assert.Contains(why, reloading.Reason);
        Assert.Empty(loader!.Applied);
        Assert.Equal([OnlyRead], loader.Told);
        Assert.Equal(2, loader.Loads);
        var gap = Assert.Single(capture.Stats.Gaps);
        Assert.Contains(why, gap.Reason);
        Assert.Equal(0, reloading.Restarts); // asked for, not a fault
    }
}
