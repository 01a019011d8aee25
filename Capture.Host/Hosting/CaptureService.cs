using Akka.Actor;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Actors.Streams;
using Capture.Host.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Capture.Host.Hosting;

/// <summary>
/// Runs the capture for as long as the host runs: starts the pipeline on the host's actor
/// system with the configured driver and the sinks the program registered, reloads the driver
/// through the supervisor when the configuration changes (the stream stays up; the gap is
/// marked), and on shutdown stops the driver and waits until every sink has completed.
/// </summary>
public sealed class CaptureService(
    ActorSystem system,
    IOptionsMonitor<CaptureOptions> options,
    IEnumerable<ICaptureSink> sinks,
    CaptureRuntime runtime) : BackgroundService
{
    SimulatedKernel? _simulated;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loader = DriverLoaders.For(options.CurrentValue, out _simulated);
        var pipeline = CapturePipeline.Start(system, loader, sinks.Select(s => new SinkBinding(s, new SinkPolicy.Lossless())).ToList(),
            new PipelineSettings { SinkStallTimeout = options.CurrentValue.SinkStallTimeout });
        runtime.Loader = loader;
        runtime.Set(pipeline);
        // Options are immutable; a change is a reload with a driver loaded from the new ones.
        using var changes = options.OnChange(changed =>
        {
            var next = DriverLoaders.For(changed, out var simulated, Volatile.Read(ref _simulated)?.Now);
            Volatile.Write(ref _simulated, simulated);
            runtime.Loader = next;
            pipeline.Supervisor.Tell(new ReloadDriver("configuration changed", next), ActorRefs.NoSender);
        });

        var stopping = Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        await SimulatedClock.FollowWallClock(() => Volatile.Read(ref _simulated), Task.WhenAny(stopping, pipeline.Completion));
        pipeline.Supervisor.Tell(StopCapture.Instance, ActorRefs.NoSender);
        // Should the actor system go away first (the host stops it after this service, but a
        // process exit may not wait), the stream cannot complete: do not hang the shutdown on it.
        await Task.WhenAny(pipeline.Completion, system.WhenTerminated);
    }
}
