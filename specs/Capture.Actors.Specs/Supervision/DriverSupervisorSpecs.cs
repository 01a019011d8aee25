using Akka.Actor;
using Akka.TestKit.Xunit2;
using Capture.Actors.Drivers;
using Capture.Actors.Drivers.Simulated;
using Capture.Native.Batches;
using Capture.Native.Polling;
using Capture.Native.Probe;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Actors.Specs.Simulation;
using Capture.Actors.Supervision;
using Capture.Native.Schema;

namespace Capture.Actors.Specs.Supervision;

public sealed class DriverSupervisorSpecs : SpecKit
{
    const ulong Millisecond = 1_000_000;

    static SimulationSettings Simulation(params SimulatedFault[] faults) =>
        new() { Seed = 3, Rings = 4, MeanGapNs = 5_000, Faults = faults };

    [Fact]
    public async Task Reload_with_a_compatible_version_must_keep_the_stream_up_and_mark_the_gap()
    {
        var sink = new CollectingSink();
        var capture = SimulatedCapture.Start(this, Simulation(), [new SinkBinding(sink, new SinkPolicy.Lossless())]);
        await capture.AwaitStateAsync(DriverState.Running);
        capture.Run(2 * Millisecond, Millisecond / 2);
        await EventuallyAsync(() => sink.Count > 0);
        var reloadedAt = capture.Kernel.Now;

        var newer = new SemanticVersion(EventTable.ApiVersion.Major, EventTable.ApiVersion.Minor + 1, 0);
        capture.Pipeline.Supervisor.Tell(new ReloadDriver("new settings", new SimulatedDriverLoader(capture.Kernel, api: newer)));
        await capture.AwaitStateAsync(DriverState.Reloading);
        await capture.AwaitStateAsync(DriverState.Running);
        var status = await capture.Pipeline.Supervisor.Ask<DriverStatus>(GetDriverStatus.Instance, TimeSpan.FromSeconds(5));
        Assert.Equal(newer, status.Api);

        capture.Run(2 * Millisecond, Millisecond / 2);
        await capture.FinishAsync();

        var received = sink.Received;
        var gapAt = received.ToList().FindIndex(r => r is CaptureGap);
        Assert.True(gapAt > 0, "a gap marker must sit between the events before and after the reload");
        Assert.Contains(received.Take(gapAt), r => r is CollectingSink.Event);
        Assert.Contains(received.Skip(gapAt + 1), r => r is CollectingSink.Event e && e.Timestamp > reloadedAt);
        var gap = Assert.Single(sink.Gaps);
        Assert.Contains("new settings", gap.Reason);
        Assert.Equal(capture.Kernel.Totals.Unread, gap.EventsLost);
        Assert.Equal([gap], capture.Stats.Gaps);
        var events = sink.Events;
        for (var i = 1; i < events.Count; i++) Assert.True(events[i - 1].Timestamp <= events[i].Timestamp);
        var kernel = capture.Kernel.Totals;
        Assert.Equal(kernel.Generated, events.Count + kernel.Unread);
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    [Fact]
    public async Task Reload_with_an_incompatible_version_must_fail_naming_both_versions()
    {
        var sink = new CountingSink();
        var capture = SimulatedCapture.Start(this, Simulation(), [new SinkBinding(sink, new SinkPolicy.Lossless())]);
        await capture.AwaitStateAsync(DriverState.Running);
        capture.Run(Millisecond, Millisecond / 2);
        await EventuallyAsync(() => sink.Events > 0);

        var breaking = new SemanticVersion(EventTable.ApiVersion.Major + 1, 0, 0);
        capture.Pipeline.Supervisor.Tell(new ReloadDriver("new probe", new SimulatedDriverLoader(capture.Kernel, api: breaking)));
        var failed = await capture.AwaitStateAsync(DriverState.Failed);

        Assert.Contains($"API version {breaking}", failed.Reason);
        Assert.Contains($"requires API {EventTable.ApiVersion}", failed.Reason);
        Assert.IsType<IncompatibleDriverException>(failed.Fault);
        await capture.Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(10)); // the stream ends cleanly
        Assert.Equal(capture.Kernel.Totals.Generated, sink.Events + capture.Kernel.Totals.Unread);
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    [Fact]
    public async Task An_incompatible_schema_must_be_refused_before_any_ring_is_read()
    {
        var older = new SemanticVersion(EventTable.SchemaVersion.Major - 1, 0, 0);
        SimulatedDriverLoader? loader = null;
        var capture = SimulatedCapture.Start(this, Simulation(), [new SinkBinding(new CountingSink(), new SinkPolicy.Lossless())],
            loader: kernel => loader = new SimulatedDriverLoader(kernel, schema: older));

        var failed = await capture.AwaitStateAsync(DriverState.Failed);

        Assert.Contains($"schema version {older}", failed.Reason);
        Assert.Contains($"schema {EventTable.SchemaVersion}", failed.Reason);
        Assert.Equal(1, loader!.Loads);
        await capture.Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, capture.Stats.Merge.In);
    }

    [Fact]
    public async Task A_crash_must_restart_the_driver_after_a_backoff_and_keep_the_stream_up()
    {
        var sink = new CollectingSink();
        var capture = SimulatedCapture.Start(this, Simulation(new Crash(2 * Millisecond)), [new SinkBinding(sink, new SinkPolicy.Lossless())]);
        await capture.AwaitStateAsync(DriverState.Running);

        capture.Run(3 * Millisecond, Millisecond / 2);
        var reloading = await capture.AwaitStateAsync(DriverState.Reloading);
        Assert.Contains("crashed", reloading.Reason);
        var negotiating = await capture.AwaitStateAsync(DriverState.Negotiating);
        Assert.Equal(1, negotiating.Restarts);
        await capture.AwaitStateAsync(DriverState.Running);
        var resumedAt = capture.Kernel.Now;
        capture.Run(2 * Millisecond, Millisecond / 2);
        await capture.FinishAsync();

        Assert.Contains(sink.Events, e => e.Timestamp > resumedAt);
        var gap = Assert.Single(sink.Gaps);
        Assert.Contains("crashed", gap.Reason);
        var kernel = capture.Kernel.Totals;
        Assert.Equal(kernel.Generated, sink.Count + kernel.Unread);
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    [Fact]
    public async Task An_unreadable_ring_must_be_logged_its_losses_counted_as_unreadable_and_the_driver_reloaded_at_once()
    {
        var sink = new CollectingSink();
        var logged = CreateTestProbe();
        Sys.EventStream.Subscribe(logged.Ref, typeof(Akka.Event.Error));
        // The ring goes bad, then its CPU writes more than it holds: what no longer fits is the bad ring's loss.
        var simulation = Simulation(new UnreadableRing(1, Millisecond), new Burst(1, Millisecond, 3000)) with { RingCapacity = 1024 };
        var capture = SimulatedCapture.Start(this, simulation, [new SinkBinding(sink, new SinkPolicy.Lossless())]);
        await capture.AwaitStateAsync(DriverState.Running);

        capture.Run(2 * Millisecond, Millisecond / 2);
        var reloading = await capture.AwaitStateAsync(DriverState.Reloading);
        Assert.Contains("ring 1 (CPU 1) cannot be read", reloading.Reason);
        Assert.Equal(1, Assert.IsType<RingUnreadableException>(reloading.Fault).Ring);
        var negotiating = await capture.AwaitStateAsync(DriverState.Negotiating);
        Assert.Equal(1, negotiating.Restarts);
        Assert.Contains("cannot be read", (await logged.ExpectMsgAsync<Akka.Event.Error>()).Message.ToString());
        await capture.AwaitStateAsync(DriverState.Running);
        var resumedAt = capture.Kernel.Now;
        capture.Run(2 * Millisecond, Millisecond / 2);
        await capture.FinishAsync();

        Assert.Contains(sink.Events, e => e.Timestamp > resumedAt && e.Cpu == 1); // the merge went on, the ring too
        Assert.Equal(0, capture.Stats.LaggingEpisodes); // the bad ring left the merge at once: nobody waited for it to be called lagging
        var kernel = capture.Kernel.Totals;
        var losses = capture.Stats.RingLosses;
        Assert.True(losses.Unreadable > 0, "the burst into the bad ring must overflow it");
        Assert.Equal(kernel.KernelDropped, losses.Unreadable);
        Assert.Equal(0, losses.Kernel); // never mistaken for a ring too slow to drain
        Assert.Equal(kernel.Generated, sink.Count + kernel.Unread + kernel.KernelDropped);
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    /// <summary>A driver whose rings report a dead polling thread once <paramref name="dead"/> says so.</summary>
    sealed class DyingPollerLoader(SimulatedDriverLoader inner, Func<bool> dead) : IDriverLoader
    {
        int _loads;
        public string Name => inner.Name;
        public ICaptureDriver Load() => new DyingPollerDriver(inner.Load(), ++_loads == 1 ? dead : () => false);
    }

    sealed class DyingPollerDriver(ICaptureDriver inner, Func<bool> dead) : ICaptureDriver
    {
        public string Name => inner.Name;
        public SemanticVersion ApiVersion => inner.ApiVersion;
        public SemanticVersion SchemaVersion => inner.SchemaVersion;
        public IReadOnlyList<IEventRing> Start(EventBatchPool pool) => inner.Start(pool).Select(r => (IEventRing)new DyingPollerRing(r, dead)).ToArray();
        public void Dispose() => inner.Dispose();
    }

    sealed class DyingPollerRing(IEventRing inner, Func<bool> dead) : IEventRing
    {
        public int Id => inner.Id;
        public bool TryTake([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EventBatch? batch)
        {
            if (dead()) throw new PollerDiedException(inner.Id, new InvalidOperationException("a hand-off subscriber threw"));
            return inner.TryTake(out batch);
        }
        public void WhenReady(Action wake) => inner.WhenReady(wake);
        public ulong Watermark => inner.Watermark;
        public bool IsFinished => inner.IsFinished;
        public RingCounters Counters => inner.Counters;
        public long Abandon() => inner.Abandon();
    }

    [Fact]
    public async Task A_dead_polling_thread_must_be_logged_and_the_driver_restarted_after_a_backoff()
    {
        var sink = new CollectingSink();
        var logged = CreateTestProbe();
        Sys.EventStream.Subscribe(logged.Ref, typeof(Akka.Event.Error));
        SimulatedKernel? simulated = null;
        var capture = SimulatedCapture.Start(this, Simulation(), [new SinkBinding(sink, new SinkPolicy.Lossless())],
            loader: kernel => new DyingPollerLoader(new SimulatedDriverLoader(simulated = kernel), () => simulated!.Now >= 2 * Millisecond));
        await capture.AwaitStateAsync(DriverState.Running);

        capture.Run(3 * Millisecond, Millisecond / 2);
        var reloading = await capture.AwaitStateAsync(DriverState.Reloading);
        Assert.Contains("polling thread died", reloading.Reason);
        Assert.Contains("a hand-off subscriber threw", reloading.Reason);
        Assert.IsType<PollerDiedException>(reloading.Fault);
        var negotiating = await capture.AwaitStateAsync(DriverState.Negotiating);
        Assert.Equal(1, negotiating.Restarts);
        Assert.Contains("polling thread died", (await logged.ExpectMsgAsync<Akka.Event.Error>()).Message.ToString());
        await capture.AwaitStateAsync(DriverState.Running);
        var resumedAt = capture.Kernel.Now;
        capture.Run(2 * Millisecond, Millisecond / 2);
        await capture.FinishAsync();

        Assert.Contains(sink.Events, e => e.Timestamp > resumedAt);
        Assert.Contains("polling thread died", Assert.Single(sink.Gaps).Reason);
        var kernel = capture.Kernel.Totals;
        Assert.Equal(kernel.Generated, sink.Count + kernel.Unread);
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    [Fact]
    public async Task Repeated_faults_must_make_the_supervisor_give_up_and_say_why()
    {
        SimulatedDriverLoader? loader = null;
        var settings = SimulatedCapture.Fast with { Supervisor = SimulatedCapture.Fast.Supervisor with { MaxRestarts = 3 } };
        var capture = SimulatedCapture.Start(this, Simulation(new Crash(Millisecond)), [new SinkBinding(new CountingSink(), new SinkPolicy.Lossless())],
            settings, kernel => loader = new SimulatedDriverLoader(kernel) { LoadFails = n => n > 1 });
        await capture.AwaitStateAsync(DriverState.Running);

        capture.Run(2 * Millisecond, Millisecond / 2);

        var restarts = new List<int>();
        var failed = await capture.States.FishForMessageAsync<DriverStateChanged>(m =>
        {
            if (m.State == DriverState.Negotiating) restarts.Add(m.Restarts);
            return m.State == DriverState.Failed;
        }, TimeSpan.FromSeconds(10));
        Assert.Equal([1, 2, 3], restarts);
        Assert.Contains("gave up after 3 restarts", failed.Reason);
        Assert.IsType<DriverFaultException>(Assert.IsType<RestartsExhaustedException>(failed.Fault).InnerException);
        Assert.Contains("simulated load 4 failed", failed.Reason);
        Assert.Equal(4, loader!.Loads);
        await capture.Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    sealed class ThrowingLoader(Exception failure) : IDriverLoader
    {
        public string Name => "throwing";
        public ICaptureDriver Load() => throw failure;
    }

    [Fact]
    public async Task A_load_failure_must_be_final_only_when_its_type_says_no_restart_can_cure_it()
    {
        var settings = SimulatedCapture.Fast with { Supervisor = SimulatedCapture.Fast.Supervisor with { MaxRestarts = 2 } };
        var wrongSettings = SimulatedCapture.Start(this, Simulation(), [], settings,
            _ => new ThrowingLoader(new InvalidProbeSettingsException("SnapLen 70000 must be between 0 and 65535", "SnapLen")));
        var refused = await wrongSettings.AwaitStateAsync(DriverState.Failed);
        Assert.Equal(0, refused.Restarts);
        Assert.IsType<InvalidProbeSettingsException>(refused.Fault);

        // Any other argument error is a bug or a passing fault somewhere: it is retried.
        var passing = SimulatedCapture.Start(this, Simulation(), [], settings, _ => new ThrowingLoader(new ArgumentException("something passing")));
        var gaveUp = await passing.AwaitStateAsync(DriverState.Failed);
        Assert.Equal(3, gaveUp.Restarts); // the third fault is one more than the two allowed
        Assert.IsType<ArgumentException>(Assert.IsType<RestartsExhaustedException>(gaveUp.Fault).InnerException);
    }

    [Fact]
    public async Task Stopping_capture_must_end_the_stream_with_every_event_accounted_for()
    {
        var sink = new CountingSink();
        var capture = SimulatedCapture.Start(this, Simulation(), [new SinkBinding(sink, new SinkPolicy.Lossless())]);
        await capture.AwaitStateAsync(DriverState.Running);
        capture.Run(2 * Millisecond, Millisecond / 2);

        capture.Pipeline.Supervisor.Tell(StopCapture.Instance);
        var completed = await capture.AwaitStateAsync(DriverState.Completed);
        await capture.Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("capture stopped", completed.Reason);
        Assert.True(sink.Completed.IsCompleted);
        var kernel = capture.Kernel.Totals;
        Assert.Equal(kernel.Generated, sink.Events + kernel.Unread);
        Assert.Equal(kernel.Unread, capture.Stats.RingLosses.Unread);
        Assert.Empty(capture.Stats.Gaps);
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
    }

    /// <summary>A simulated driver that reports something it could not do, as the probe does without tracefs.</summary>
    sealed class WarningDriver(ICaptureDriver inner, string warning) : ICaptureDriver
    {
        public string Name => inner.Name;
        public SemanticVersion ApiVersion => inner.ApiVersion;
        public SemanticVersion SchemaVersion => inner.SchemaVersion;
        public IReadOnlyList<IEventRing> Start(EventBatchPool pool) => inner.Start(pool);
        public IReadOnlyList<string> Warnings => [warning];
        public void Dispose() => inner.Dispose();
    }

    sealed class WarningLoader(IDriverLoader inner, string warning) : IDriverLoader
    {
        public string Name => inner.Name;
        public ICaptureDriver Load() => new WarningDriver(inner.Load(), warning);
    }

    [Fact]
    public async Task A_drivers_warnings_must_be_logged_at_every_start_of_an_instance()
    {
        const string warning = "no enter events for openat: tracefs is not mounted";
        var sink = new CountingSink();
        var logged = CreateTestProbe();
        Sys.EventStream.Subscribe(logged.Ref, typeof(Akka.Event.Warning));
        var capture = SimulatedCapture.Start(this, Simulation(), [new SinkBinding(sink, new SinkPolicy.Lossless())],
            loader: kernel => new WarningLoader(new SimulatedDriverLoader(kernel), warning));
        await capture.AwaitStateAsync(DriverState.Running);
        Assert.Equal(warning, (await logged.ExpectMsgAsync<Akka.Event.Warning>()).Message.ToString());

        capture.Pipeline.Supervisor.Tell(new ReloadDriver("new settings"));
        await capture.AwaitStateAsync(DriverState.Reloading);
        await capture.AwaitStateAsync(DriverState.Running);
        Assert.Equal(warning, (await logged.ExpectMsgAsync<Akka.Event.Warning>()).Message.ToString());
        await capture.FinishAsync();
    }

    [Fact]
    public async Task A_driver_back_after_a_fault_must_warn_what_it_renegotiated()
    {
        var logged = CreateTestProbe();
        Sys.EventStream.Subscribe(logged.Ref, typeof(Akka.Event.Warning));
        var capture = SimulatedCapture.Start(this, Simulation(new Crash(2 * Millisecond)), [new SinkBinding(new CountingSink(), new SinkPolicy.Lossless())]);
        await capture.AwaitStateAsync(DriverState.Running);
        capture.Run(3 * Millisecond, Millisecond / 2);
        await capture.AwaitStateAsync(DriverState.Reloading);
        await capture.AwaitStateAsync(DriverState.Running);
        var said = await logged.FishForMessageAsync<Akka.Event.Warning>(w => w.Message.ToString()!.Contains("renegotiated"), TimeSpan.FromSeconds(10));
        Assert.Equal($"simulated renegotiated and running again after the gap: API {EventTable.ApiVersion}, schema {EventTable.SchemaVersion} (versions unchanged)",
            said.Message.ToString());
        await capture.FinishAsync();
    }

    [Fact]
    public async Task A_driver_reloaded_with_other_versions_must_say_which_it_had_before_the_gap()
    {
        var logged = CreateTestProbe();
        Sys.EventStream.Subscribe(logged.Ref, typeof(Akka.Event.Info));
        var capture = SimulatedCapture.Start(this, Simulation(), [new SinkBinding(new CountingSink(), new SinkPolicy.Lossless())]);
        await capture.AwaitStateAsync(DriverState.Running);
        var newer = new SemanticVersion(EventTable.ApiVersion.Major, EventTable.ApiVersion.Minor + 1, 0);
        capture.Pipeline.Supervisor.Tell(new ReloadDriver("new probe", new SimulatedDriverLoader(capture.Kernel, api: newer)));
        await capture.AwaitStateAsync(DriverState.Running);
        var said = await logged.FishForMessageAsync<Akka.Event.Info>(i => i.Message.ToString()!.Contains("renegotiated"), TimeSpan.FromSeconds(10));
        Assert.Equal($"simulated renegotiated and running again after the gap: API {newer}, schema {EventTable.SchemaVersion} " +
                     $"(before the gap: API {EventTable.ApiVersion}, schema {EventTable.SchemaVersion})", said.Message.ToString());
        await capture.FinishAsync();
    }

    [Fact]
    public void Backoff_must_double_from_the_minimum_up_to_the_maximum()
    {
        var min = TimeSpan.FromMilliseconds(100);
        var max = TimeSpan.FromSeconds(1);
        Assert.Equal([100, 200, 400, 800, 1000, 1000], Enumerable.Range(1, 6).Select(n => Backoff.Delay(n, min, max).TotalMilliseconds));
    }
}
