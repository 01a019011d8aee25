using Akka.Actor;
using Akka.Event;
using Capture.Actors.Drivers;
using Capture.Actors.Protocol;
using Capture.Actors.Rings;
using Capture.Native.Batches;
using Capture.Native.Polling;
using Capture.Native.Schema;

namespace Capture.Actors.Supervision;

/// <summary>
/// Owns the driver's life: negotiating → running → reloading → negotiating … or failed.
///
/// Negotiating loads an instance and reads its API and schema versions before anything is
/// attached; an incompatible one is refused at once (restarting cannot fix it) with both
/// versions named. Running starts one <see cref="RingReader"/> per ring and attaches the rings
/// to the stream through the <see cref="RingPort"/>. A ring fault (a <see cref="RingFaulted"/>
/// from the stream: that ring has already left the merge), a reader that dies, or a reload
/// request moves to reloading: every ring leaves the stream (each announces what it left
/// behind), the instance is disposed, a gap goes into the stream, and negotiation starts
/// again, after a backoff when it was a fault. The stream stays up throughout. Ring faults are
/// told apart by type: an unreadable ring is reloaded at once (a fresh instance has fresh
/// rings); a dead polling thread or any other fault restarts after the backoff. Each is logged
/// with what it carries, and each counts as a restart. After more than
/// <see cref="SupervisorSettings.MaxRestarts"/> faults without a stable run in between, it
/// fails and says why. Failures stay typed: <see cref="DriverStatus.Fault"/> holds the
/// exception behind the state. Failed and completed both end the stream.
/// </summary>
public sealed class DriverSupervisor : ReceiveActor, IWithTimers
{
    const string NegotiateTimer = "negotiate";
    const string StableTimer = "stable";

    readonly RingPort _port;
    readonly EventBatchPool _pool;
    readonly SupervisorSettings _settings;
    readonly Dictionary<IActorRef, IEventRing> _readers = [];
    IDriverLoader _loader;
    ICaptureDriver? _driver;
    DriverState _state;
    string? _reason;
    Exception? _fault;
    int _restarts;
    int _incarnation;
    AfterDetach _afterDetach;
    (SemanticVersion? Api, SemanticVersion? Schema) _lastVersions;
    bool _stopping;

    sealed record Negotiate
    {
        public static readonly Negotiate Instance = new();
    }

    sealed record Stable
    {
        public static readonly Stable Instance = new();
    }

    enum AfterDetach
    {
        Reload,
        RestartAtOnce,
        RestartAfterBackoff,
    }

    public DriverSupervisor(IDriverLoader loader, RingPort port, EventBatchPool pool, SupervisorSettings settings)
    {
        _loader = loader;
        _port = port;
        _pool = pool;
        _settings = settings;
    }

    public static Props Props(IDriverLoader loader, RingPort port, EventBatchPool pool, SupervisorSettings settings) =>
        Akka.Actor.Props.Create(() => new DriverSupervisor(loader, port, pool, settings));

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>A reader that throws is stopped, never restarted: its ring belongs to a driver instance that is gone.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    protected override void PreStart() => EnterNegotiating(TimeSpan.Zero, null);

    protected override void PostStop()
    {
        _driver?.Dispose();
        _driver = null;
        _port.Complete();
    }

    void EnterNegotiating(TimeSpan delay, string? reason, Exception? fault = null)
    {
        MoveTo(DriverState.Negotiating, reason, fault);
        Become(Negotiating);
        if (delay == TimeSpan.Zero) Self.Tell(Negotiate.Instance);
        else Timers.StartSingleTimer(NegotiateTimer, Negotiate.Instance, delay);
    }

    void Negotiating()
    {
        Receive<Negotiate>(_ => LoadAndStart());
        Receive<ReloadDriver>(reload => _loader = reload.Loader ?? _loader);
        Receive<ApplyLiveSettings>(change => _loader.UseLiveSettings(change.Settings)); // the coming load takes them
        Receive<StopCapture>(_ => Finish(DriverState.Completed, "capture stopped"));
        Receive<GetDriverStatus>(_ => Sender.Tell(Status()));
    }

    void LoadAndStart()
    {
        ICaptureDriver driver;
        try
        {
            driver = _loader.Load();
        }
        catch (Exception e) when (PermanentFaults.IsPermanent(e))
        {
            Finish(DriverState.Failed, $"loading {_loader.Name} failed: {e.Message}", e);
            return;
        }
        catch (Exception e)
        {
            AfterFault($"loading {_loader.Name} failed: {e.Message}", e);
            return;
        }

        if (!driver.ApiVersion.Satisfies(_settings.RequiredApi) || !driver.SchemaVersion.Satisfies(_settings.RequiredSchema))
        {
            driver.Dispose();
            var refusal = new IncompatibleDriverException(driver.Name, driver.ApiVersion, driver.SchemaVersion, _settings.RequiredApi, _settings.RequiredSchema);
            Finish(DriverState.Failed, refusal.Message, refusal);
            return;
        }

        IReadOnlyList<IEventRing> rings;
        try
        {
            rings = driver.Start(_pool);
        }
        catch (Exception e)
        {
            driver.Dispose();
            AfterFault($"starting {driver.Name} failed: {e.Message}", e);
            return;
        }

        _driver = driver;
        _incarnation++;
        if (_incarnation > 1) SayRunningAgain(driver);
        _lastVersions = (driver.ApiVersion, driver.SchemaVersion);
        foreach (var warning in driver.Warnings) Context.GetLogger().Warning("{0}", warning);
        var attached = new List<(IEventRing, IActorRef)>(rings.Count);
        foreach (var ring in rings)
        {
            var reader = Context.ActorOf(RingReader.Props(ring.Id, _port), $"ring-{ring.Id}-{_incarnation}");
            Context.Watch(reader);
            _readers[reader] = ring;
            attached.Add((ring, reader));
        }
        _port.Attach(attached); // all at once, so every ring joins the merge before any is read
        MoveTo(DriverState.Running, $"{driver.Name}: API {driver.ApiVersion}, schema {driver.SchemaVersion}, {rings.Count} rings");
        Become(Running);
        Timers.StartSingleTimer(StableTimer, Stable.Instance, _settings.StableAfter);
        if (rings.Count == 0) Finish(DriverState.Completed, $"{driver.Name} has no rings");
    }

    /// <summary>
    /// A driver back after a gap says what it negotiated, and whether that differs from the
    /// instance before (a module replaced by another build): a warning after a fault, which
    /// nobody asked for, information after a requested reload.
    /// </summary>
    void SayRunningAgain(ICaptureDriver driver)
    {
        var (api, schema) = _lastVersions;
        var versions = api == driver.ApiVersion && schema == driver.SchemaVersion
            ? "versions unchanged"
            : $"before the gap: API {api}, schema {schema}";
        var level = _afterDetach == AfterDetach.Reload ? LogLevel.InfoLevel : LogLevel.WarningLevel;
        Context.GetLogger().Log(level, $"{driver.Name} renegotiated and running again after the gap: API {driver.ApiVersion}, schema {driver.SchemaVersion} ({versions})");
    }

    void Running()
    {
        Receive<RingFaulted>(OnRingFault);
        Receive<ReloadDriver>(reload =>
        {
            _loader = reload.Loader ?? _loader;
            BeginDetach($"reload requested: {reload.Reason}", AfterDetach.Reload);
        });
        Receive<ApplyLiveSettings>(OnLiveSettings);
        Receive<StopCapture>(_ =>
        {
            _stopping = true;
            BeginDetach("capture stopped", AfterDetach.Reload);
        });
        Receive<Terminated>(t =>
        {
            if (!_readers.Remove(t.ActorRef, out var ring)) return;
            if (!ring.IsFinished)
                BeginDetach($"the reader of ring {ring.Id} stopped unexpectedly", AfterDetach.RestartAfterBackoff);
            else if (_readers.Count == 0)
                Finish(DriverState.Completed, "every ring finished");
        });
        Receive<Stable>(_ => _restarts = 0);
        Receive<GetDriverStatus>(_ => Sender.Tell(Status()));
    }

    /// <summary>
    /// Live settings go to the running instance as they are (map updates: no detach, no gap,
    /// no change of state); a driver that cannot take them, or fails part way, is reloaded.
    /// The loader learns them first, so any later load, also that reload, starts with them.
    /// </summary>
    void OnLiveSettings(ApplyLiveSettings change)
    {
        var log = Context.GetLogger();
        _loader.UseLiveSettings(change.Settings);
        try
        {
            if (_driver!.TryApplyLive(change.Settings))
            {
                log.Info("{0} changed live, no reload: {1} ({2})", _driver.Name, change.Settings, change.Reason);
                return;
            }
            log.Info("{0} cannot change settings while running; reloading for {1} ({2})", _driver.Name, change.Settings, change.Reason);
            BeginDetach($"reload requested: {change.Reason} ({_driver.Name} cannot change them live)", AfterDetach.Reload);
        }
        catch (Exception e)
        {
            log.Error("changing {0} live failed: {1}; reloading for {2} ({3})", _driver!.Name, e.Message, change.Settings, change.Reason);
            BeginDetach($"changing {_driver.Name} live failed: {e.Message}", AfterDetach.Reload);
        }
    }

    void OnRingFault(RingFaulted fault)
    {
        var log = Context.GetLogger();
        switch (fault.Cause)
        {
            case RingUnreadableException:
                log.Error("{0}; the ring left the merge, and what the kernel drops there from now on counts as unreadable; reloading the driver", fault.Reason);
                BeginDetach(fault.Reason, AfterDetach.RestartAtOnce, fault.Cause);
                break;
            case PollerDiedException:
                log.Error("{0}; restarting the driver", fault.Reason);
                BeginDetach(fault.Reason, AfterDetach.RestartAfterBackoff, fault.Cause);
                break;
            default:
                log.Error("ring {0} faulted: {1}; restarting the driver", fault.Ring, fault.Reason);
                BeginDetach($"ring {fault.Ring} faulted: {fault.Reason}", AfterDetach.RestartAfterBackoff, fault.Cause);
                break;
        }
    }

    void BeginDetach(string reason, AfterDetach after, Exception? fault = null)
    {
        _afterDetach = after;
        Timers.Cancel(StableTimer);
        MoveTo(DriverState.Reloading, reason, fault);
        Become(Reloading);
        foreach (var reader in _readers.Keys) reader.Tell(LeaveRing.Instance);
        if (_readers.Count == 0) Detached();
    }

    void Reloading()
    {
        Receive<Terminated>(t =>
        {
            if (_readers.Remove(t.ActorRef) && _readers.Count == 0) Detached();
        });
        Receive<ReloadDriver>(reload => _loader = reload.Loader ?? _loader);
        Receive<ApplyLiveSettings>(change => _loader.UseLiveSettings(change.Settings)); // the coming load takes them
        Receive<StopCapture>(_ => _stopping = true);
        Receive<RingFaulted>(_ => { }); // the instance is already going away
        Receive<GetDriverStatus>(_ => Sender.Tell(Status()));
    }

    /// <summary>Every reader has stopped and announced what it left; the instance can go.</summary>
    void Detached()
    {
        _driver?.Dispose();
        _driver = null;
        if (_stopping)
        {
            Finish(DriverState.Completed, "capture stopped");
            return;
        }
        _port.Gap(_reason ?? "driver detached");
        if (_afterDetach == AfterDetach.Reload) EnterNegotiating(TimeSpan.Zero, _reason);
        else AfterFault(_reason!, _fault, atOnce: _afterDetach == AfterDetach.RestartAtOnce);
    }

    void AfterFault(string reason, Exception? fault, bool atOnce = false)
    {
        _restarts++;
        if (_restarts > _settings.MaxRestarts)
        {
            var exhausted = new RestartsExhaustedException(_settings.MaxRestarts, reason, fault);
            Finish(DriverState.Failed, exhausted.Message, exhausted);
            return;
        }
        EnterNegotiating(atOnce ? TimeSpan.Zero : Backoff.Delay(_restarts, _settings.MinBackoff, _settings.MaxBackoff), reason, fault);
    }

    /// <summary>Ends for good. Only reached with no ring attached, so nothing can follow the completion.</summary>
    void Finish(DriverState state, string reason, Exception? fault = null)
    {
        _driver?.Dispose();
        _driver = null;
        MoveTo(state, reason, fault);
        Become(Ended);
        _port.Complete();
    }

    void Ended()
    {
        Receive<GetDriverStatus>(_ => Sender.Tell(Status()));
        ReceiveAny(_ => { });
    }

    void MoveTo(DriverState state, string? reason, Exception? fault = null)
    {
        _state = state;
        _reason = reason;
        _fault = fault;
        Context.System.EventStream.Publish(new DriverStateChanged(state, reason, _restarts, fault));
    }

    DriverStatus Status() => new(_state, _reason, _restarts, _driver?.ApiVersion, _driver?.SchemaVersion, _fault);
}
