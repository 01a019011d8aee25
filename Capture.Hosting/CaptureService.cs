using Akka.Actor;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Outputs;
using Capture.Actors.Pipeline;
using Capture.Actors.Plugins;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Hosting.Configuration;
using Capture.Native.Containers.Engine;
using Capture.Native.Probe;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Capture.Hosting;

/// <summary>
/// Runs the capture for as long as the host runs: starts the pipeline on the host's actor
/// system with the configured driver, into the configured outputs (`Capture:Outputs`), the
/// configured plugins and the sinks the program registered, and follows the configuration:
/// <list type="bullet">
/// <item>a change of filters only is taken by the running outputs, live;</item>
/// <item>a change of the interest set is applied to the running driver with no reload and no gap;</item>
/// <item>another driver setting reloads the driver through the supervisor (the stream stays up; the gap is marked);</item>
/// <item>outputs added, removed or changed otherwise, or other plugins, restart the pipeline,
/// since its fan-out and stages are fixed when it is built: the old one is stopped and drained,
/// a new one started, and the outputs that stayed as they were go on in the same files.</item>
/// </list>
/// A reloaded configuration that cannot be used (an unknown key, a bad value, a plugin that
/// does not load, an output that cannot be opened) is logged in one line and the capture goes
/// on as it was. Every reload, restart and driver state change is logged. On shutdown it stops
/// the driver and waits until every sink has completed.
///
/// A driver the supervisor gives up on (a capability missing, an incompatible probe, too many
/// failed restarts), or an output or plugin that cannot be opened at the start, ends the host:
/// the reason is logged in one line and kept in <see cref="CaptureRuntime.Failure"/>, so
/// `capture serve` exits non-zero and systemd's Restart= policy, not a process that stays up
/// doing nothing, decides what happens next. libbpf's own messages are logged at debug level
/// under the "libbpf" category.
/// </summary>
public sealed class CaptureService(
    ActorSystem system,
    CaptureSettings settings,
    IEnumerable<ICaptureSink> sinks,
    CaptureRuntime runtime,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers) : BackgroundService
{
    readonly ILogger _log = loggers.CreateLogger<CaptureService>();
    readonly IReadOnlyList<HandedOnSink> _programSinks = sinks.Select(s => new HandedOnSink(s)).ToList();
    // Everything below is read and changed under _changing: by configuration changes (the
    // change token's thread) and by the restart loop.
    readonly Lock _changing = new();
    SimulatedKernel? _simulated;
    // Asked what live threads' containers are called, by every output's table: made when a live
    // capture first starts and kept to the end, since outputs outlive the pipeline that opened them.
    EngineMetadataSource? _containerRuntime;
    CaptureOptions _running = new();
    ServeGeneration? _current;
    int _generations;
    // A restart is under way: changes meanwhile wait in _latest and are applied after it.
    bool _restarting;
    CaptureOptions? _latest;
    TaskCompletionSource _restart = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Refuses settings that cannot be used before anything starts, with every problem named.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _running = settings.TryRead(out var problems)
            ?? throw new OptionsValidationException(CaptureSettings.SectionName, typeof(CaptureOptions), problems);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var libbpf = loggers.CreateLogger("libbpf");
        Action<LibbpfLevel, string> relay = (_, text) => libbpf.LogDebug("{Message}", text);
        LibbpfMessages.Printed += relay;
        try
        {
            await CaptureAsync(stoppingToken);
        }
        finally
        {
            LibbpfMessages.Printed -= relay;
            _containerRuntime?.Dispose();
        }
    }

    async Task CaptureAsync(CancellationToken stoppingToken)
    {
        // Subscribed before the pipeline starts, so the first state (negotiating) is logged too.
        system.EventStream.Subscribe(system.ActorOf(DriverStateWatch.Props(loggers.CreateLogger("Capture.Driver"), runtime), "driver-state-watch"), typeof(DriverStateChanged));
        var (outputs, plugins, problem) = Build(_running, []);
        if (problem is not null)
        {
            runtime.Failure = problem;
            _log.LogError("capture cannot start: {Problem}", problem);
            lifetime.StopApplication();
            return;
        }
        lock (_changing) Start(_running, outputs, plugins);

        using var changes = ChangeToken.OnChange(settings.GetReloadToken, ConfigurationChanged);
        var stopping = Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        while (true)
        {
            Task restart;
            lock (_changing) restart = _restart.Task;
            var ended = _current!.Pipeline.Completion;
            await SimulatedClock.FollowWallClock(() => Volatile.Read(ref _simulated), Task.WhenAny(stopping, ended, restart));
            if (stoppingToken.IsCancellationRequested || ended.IsCompleted) break;
            await RestartAsync();
        }

        var pipeline = _current.Pipeline;
        if (!stoppingToken.IsCancellationRequested)
        {
            var status = await pipeline.Supervisor.Ask<DriverStatus>(GetDriverStatus.Instance, TimeSpan.FromSeconds(5), CancellationToken.None);
            if (status.State == DriverState.Failed)
            {
                runtime.Failure = status.Reason;
                // The reason is on the driver's own line just before (DriverStateWatch): said once.
                _log.LogError("capture stopped: the service ends, as its driver cannot run");
                lifetime.StopApplication();
            }
        }
        pipeline.Supervisor.Tell(StopCapture.Instance, ActorRefs.NoSender);
        // Should the actor system go away first (the host stops it after this service, but a
        // process exit may not wait), the stream cannot complete: do not hang the shutdown on it.
        await Task.WhenAny(pipeline.Completion, system.WhenTerminated);
        _current.Plugins?.Dispose();
    }

    /// <summary>The starting state for new outputs; only the service's own loop calls it (start and restarts).</summary>
    OutputOrigin OriginOf(CaptureOptions options)
    {
        if (OutputOrigin.IsLive(options)) _containerRuntime ??= new EngineMetadataSource();
        return OutputOrigin.Of(options, _containerRuntime);
    }

    /// <summary>
    /// The outputs and plugins <paramref name="options"/> asks for, taking over those of
    /// <paramref name="carried"/> that stay as they were; or why they cannot be had (then
    /// nothing new is left open).
    /// </summary>
    (IReadOnlyList<ServeOutput> Outputs, PluginHost? Plugins, string? Problem) Build(CaptureOptions options, IReadOnlyList<ServeOutput> carried)
    {
        PluginHost? plugins = null;
        if (options.Plugins.Count > 0)
        {
            plugins = PluginHost.FromDirectories(options.Plugins, settings.Configuration);
            if (!options.PluginsOptional && plugins.Problems.Count > 0)
            {
                plugins.Dispose();
                return ([], null, $"plugin {plugins.Problems[0]} (Capture:PluginsOptional=true goes on without it)");
            }
        }
        var outputs = new List<ServeOutput>();
        var opened = new List<ServeOutput>();
        var origin = options.Outputs.Count > carried.Count ? OriginOf(options) : null;
        try
        {
            foreach (var wanted in options.Outputs)
            {
                if (carried.FirstOrDefault(o => o.Failure is null && o.Options.SameButFilter(wanted) && !outputs.Contains(o)) is { } kept)
                {
                    kept.ChangeFilter(wanted, options.Filter);
                    outputs.Add(kept);
                    continue;
                }
                var output = ServeOutput.Open(wanted, options.Filter, origin ??= OriginOf(options), OutputFailed);
                opened.Add(output);
                outputs.Add(output);
            }
        }
        catch (Exception e) when (e is OutputOpenException or IOException or UnauthorizedAccessException or Capture.Native.Files.ScapFileException)
        {
            // An output's file, or (for a replay) the file its lists are read from.
            foreach (var output in opened) output.Close();
            plugins?.Dispose();
            return ([], null, e is OutputOpenException ? e.Message : $"cannot read {options.ReplayFile}: {e.Message}");
        }
        return (outputs, plugins, null);
    }

    void OutputFailed(ServeOutput output) =>
        _log.LogError("output {Output} failed, it takes no more events until the pipeline restarts: {Reason}", output.Name, output.Failure?.Message ?? "cut off");

    /// <summary>Starts a pipeline into <paramref name="outputs"/>; under _changing.</summary>
    void Start(CaptureOptions options, IReadOnlyList<ServeOutput> outputs, PluginHost? plugins)
    {
        var loader = DriverLoaders.For(options, out var simulated, _simulated?.Now);
        _simulated = simulated;
        var bindings = _programSinks.Cast<ICaptureSink>().Concat(outputs).Select(s => new SinkBinding(s, new SinkPolicy.Lossless())).ToList();
        // Actor names are unique while the previous pipeline's supervisor may still be stopping.
        var name = ++_generations == 1 ? "capture" : $"capture-{_generations}";
        var pipeline = CapturePipeline.Start(system, loader, bindings, new PipelineSettings { SinkStallTimeout = options.SinkStallTimeout }, name, plugins);
        _current = new ServeGeneration(pipeline, outputs, plugins);
        _running = options;
        runtime.Loader = loader;
        runtime.Options = options;
        runtime.Set(pipeline, outputs);
    }

    void ConfigurationChanged()
    {
        lock (_changing)
        {
            if (settings.TryRead(out var problems) is not { } changed)
            {
                _log.LogWarning("configuration reload refused, the capture goes on with the running settings: {Problems}", string.Join("; ", problems));
                return;
            }
            if (_restarting)
            {
                _latest = changed;
                _log.LogInformation("configuration changed while the pipeline restarts: applied once it runs");
                return;
            }
            Apply(changed);
        }
    }

    /// <summary>
    /// Takes <paramref name="changed"/> the cheapest way it can be taken; under _changing.
    /// Options are immutable; only what differs from the running ones is acted on.
    /// </summary>
    void Apply(CaptureOptions changed)
    {
        var change = CaptureOptionsChange.Between(_running, changed);
        var outputs = OutputsChange.Between(_running, changed);
        if (change.IsEmpty)
        {
            _log.LogInformation("configuration reloaded; no capture setting changed, the driver goes on as it is");
            return;
        }
        if (change.NeedsPipelineRestart || (!outputs.IsEmpty && !outputs.FiltersOnly))
        {
            _log.LogInformation("configuration changed ({Changed}): restarting the pipeline, as its outputs and plugins are built into it; outputs that stay as they were go on", change);
            _restarting = true;
            _latest = changed;
            _restart.TrySetResult();
            return;
        }
        var pipeline = _current!.Pipeline;
        _running = changed;
        runtime.Options = changed;
        if (outputs.FiltersOnly)
        {
            for (var i = 0; i < changed.Outputs.Count; i++) _current.Outputs[i].ChangeFilter(changed.Outputs[i], changed.Filter);
            _log.LogInformation("configuration changed ({Changed}): the outputs filter anew from their next batch, live", change);
        }
        if (change.NeedsDriverReload)
        {
            _log.LogInformation("configuration changed ({Changed}): reloading the driver", change);
            var next = DriverLoaders.For(changed, out var simulated, Volatile.Read(ref _simulated)?.Now);
            Volatile.Write(ref _simulated, simulated);
            runtime.Loader = next;
            pipeline.Supervisor.Tell(new ReloadDriver($"configuration changed: {change}", next), ActorRefs.NoSender);
        }
        else if (change.ChangesLiveSettings)
        {
            _log.LogInformation("configuration changed ({Changed}): live settings only, applying them to the running driver without a reload", change);
            pipeline.Supervisor.Tell(new ApplyLiveSettings(DriverLoaders.LiveSettingsFor(changed), $"configuration changed: {change}"), ActorRefs.NoSender);
        }
    }

    /// <summary>
    /// Replaces the pipeline with one built from the latest options: what it needs is opened
    /// first, so that an output or plugin that cannot be had leaves the running one as it is.
    /// </summary>
    async Task RestartAsync()
    {
        CaptureOptions target;
        ServeGeneration old;
        lock (_changing)
        {
            target = _latest!;
            _latest = null;
            _restart = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            old = _current!;
        }
        var (outputs, plugins, problem) = Build(target, old.Outputs);
        if (problem is not null)
        {
            _log.LogWarning("configuration change refused, the capture goes on with the running settings: {Problem}", problem);
            lock (_changing) Resume();
            return;
        }
        foreach (var output in outputs.Where(old.Outputs.Contains)) output.CarryOver();
        foreach (var sink in _programSinks) sink.HandOn();
        old.Pipeline.Supervisor.Tell(StopCapture.Instance, ActorRefs.NoSender);
        await Task.WhenAny(old.Pipeline.Completion, system.WhenTerminated);
        old.Plugins?.Dispose();
        runtime.Retire(old.Pipeline);
        lock (_changing)
        {
            Start(target, outputs, plugins);
            _log.LogInformation("pipeline restarted with {Outputs} outputs ({Carried} carried over) and {Plugins} plugins",
                outputs.Count, outputs.Count(old.Outputs.Contains), plugins?.Plugins.Count ?? 0);
            Resume();
        }
    }

    /// <summary>The restart is over: a change that came meanwhile is applied now; under _changing.</summary>
    void Resume()
    {
        _restarting = false;
        if (_latest is { } more)
        {
            _latest = null;
            Apply(more);
        }
    }
}
