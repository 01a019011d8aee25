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
        var pipeline = CapturePipeline.Start(system, loader, sinks.Select(s => new SinkBinding(s, new SinkPolicy.Lossless())).ToList());
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

        // A simulated kernel produces events only as its clock moves; here it follows the wall clock.
        var step = TimeSpan.FromMilliseconds(1);
        try
        {
            while (!stoppingToken.IsCancellationRequested && !pipeline.Completion.IsCompleted)
            {
                var simulated = Volatile.Read(ref _simulated);
                simulated?.Advance((ulong)step.Ticks * 100);
                await Task.WhenAny(Task.Delay(simulated is null ? TimeSpan.FromMilliseconds(100) : step, stoppingToken), pipeline.Completion);
            }
        }
        catch (OperationCanceledException)
        {
        }
        pipeline.Supervisor.Tell(StopCapture.Instance, ActorRefs.NoSender);
        // On SIGTERM Akka's own exit hook may terminate the actor system first; then the stream
        // cannot complete and waiting for it would hang the shutdown.
        await Task.WhenAny(pipeline.Completion, system.WhenTerminated);
    }
}
