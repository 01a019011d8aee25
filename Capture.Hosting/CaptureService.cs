using Akka.Actor;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Hosting.Configuration;
using Capture.Native.Probe;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Capture.Actors.Pipeline;

namespace Capture.Hosting;

/// <summary>
/// Runs the capture for as long as the host runs: starts the pipeline on the host's actor
/// system with the configured driver and the sinks the program registered, reloads the driver
/// through the supervisor when the configuration changes (the stream stays up; the gap is
/// marked) or, when only the interest set changed, has the running driver apply it with no
/// reload and no gap. A reloaded configuration that cannot be used (an unknown key, a bad
/// value) is logged in one line and the capture goes on as it was. Every reload and every
/// driver state change is logged. On shutdown it stops the driver and waits until every sink has completed.
///
/// A driver the supervisor gives up on (a capability missing, an incompatible probe, too many
/// failed restarts) ends the host: the reason is logged in one line and kept in
/// <see cref="CaptureRuntime.Failure"/>, so `capture serve` exits non-zero and systemd's
/// Restart= policy, not a process that stays up doing nothing, decides what happens next.
/// libbpf's own messages are logged at debug level under the "libbpf" category.
/// </summary>
public sealed class CaptureService(
    ActorSystem system,
    CaptureSettings settings,
    IEnumerable<ICaptureSink> sinks,
    CaptureRuntime runtime,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers) : BackgroundService
{
    SimulatedKernel? _simulated;

    CaptureOptions _startedWith = new();

    /// <summary>Refuses settings that cannot be used before anything starts, with every problem named.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _startedWith = settings.TryRead(out var problems)
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
        }
    }

    async Task CaptureAsync(CancellationToken stoppingToken)
    {
        // Subscribed before the pipeline starts, so the first state (negotiating) is logged too.
        system.EventStream.Subscribe(system.ActorOf(DriverStateWatch.Props(loggers.CreateLogger("Capture.Driver"), runtime), "driver-state-watch"), typeof(DriverStateChanged));
        var running = _startedWith;
        var loader = DriverLoaders.For(running, out _simulated);
        var pipeline = CapturePipeline.Start(system, loader, sinks.Select(s => new SinkBinding(s, new SinkPolicy.Lossless())).ToList(),
            new PipelineSettings { SinkStallTimeout = running.SinkStallTimeout });
        runtime.Loader = loader;
        runtime.Options = running;
        runtime.Set(pipeline);
        // Options are immutable; a change of the settings the probe keeps in maps (the
        // interest set) is applied to the running driver, any other change is a reload with a
        // driver loaded from the new options.
        var log = loggers.CreateLogger<CaptureService>();
        var changing = new Lock();
        using var changes = ChangeToken.OnChange(settings.GetReloadToken, () =>
        {
            lock (changing)
            {
                if (settings.TryRead(out var problems) is not { } changed)
                {
                    log.LogWarning("configuration reload refused, the capture goes on with the running settings: {Problems}", string.Join("; ", problems));
                    return;
                }
                var change = CaptureOptionsChange.Between(running, changed);
                running = changed;
                runtime.Options = changed;
                if (change.IsEmpty)
                {
                    log.LogInformation("configuration reloaded; no capture setting changed, the driver goes on as it is");
                }
                else if (change.IsLiveOnly)
                {
                    log.LogInformation("configuration changed ({Changed}): live settings only, applying them to the running driver without a reload", change);
                    pipeline.Supervisor.Tell(new ApplyLiveSettings(DriverLoaders.LiveSettingsFor(changed), $"configuration changed: {change}"), ActorRefs.NoSender);
                }
                else
                {
                    log.LogInformation("configuration changed ({Changed}): reloading the driver", change);
                    var next = DriverLoaders.For(changed, out var simulated, Volatile.Read(ref _simulated)?.Now);
                    Volatile.Write(ref _simulated, simulated);
                    runtime.Loader = next;
                    pipeline.Supervisor.Tell(new ReloadDriver($"configuration changed: {change}", next), ActorRefs.NoSender);
                }
            }
        });

        var stopping = Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        await SimulatedClock.FollowWallClock(() => Volatile.Read(ref _simulated), Task.WhenAny(stopping, pipeline.Completion));
        if (!stoppingToken.IsCancellationRequested)
        {
            var status = await pipeline.Supervisor.Ask<DriverStatus>(GetDriverStatus.Instance, TimeSpan.FromSeconds(5), CancellationToken.None);
            if (status.State == DriverState.Failed)
            {
                runtime.Failure = status.Reason;
                // The reason is on the driver's own line just before (DriverStateWatch): said once.
                log.LogError("capture stopped: the service ends, as its driver cannot run");
                lifetime.StopApplication();
            }
        }
        pipeline.Supervisor.Tell(StopCapture.Instance, ActorRefs.NoSender);
        // Should the actor system go away first (the host stops it after this service, but a
        // process exit may not wait), the stream cannot complete: do not hang the shutdown on it.
        await Task.WhenAny(pipeline.Completion, system.WhenTerminated);
    }
}
