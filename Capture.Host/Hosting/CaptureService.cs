using Akka.Actor;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Actors.Streams;
using Capture.Host.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Capture.Host.Hosting;

/// <summary>
/// Runs the capture for as long as the host runs: starts the pipeline on the host's actor
/// system with the configured driver and the sinks the program registered, and on shutdown
/// stops the driver and waits until every sink has completed.
/// </summary>
public sealed class CaptureService(
    ActorSystem system,
    IOptions<CaptureOptions> options,
    IEnumerable<ICaptureSink> sinks,
    CaptureRuntime runtime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loader = DriverLoaders.For(options.Value, out var simulated);
        var pipeline = CapturePipeline.Start(system, loader, sinks.Select(s => new SinkBinding(s, new SinkPolicy.Lossless())).ToList());
        runtime.Set(pipeline);

        // A simulated kernel produces events only as its clock moves; here it follows the wall clock.
        var step = TimeSpan.FromMilliseconds(1);
        try
        {
            while (!stoppingToken.IsCancellationRequested && !pipeline.Completion.IsCompleted)
            {
                simulated?.Advance((ulong)step.Ticks * 100);
                await Task.WhenAny(Task.Delay(simulated is null ? Timeout.InfiniteTimeSpan : step, stoppingToken), pipeline.Completion);
            }
        }
        catch (OperationCanceledException)
        {
        }
        pipeline.Supervisor.Tell(StopCapture.Instance, ActorRefs.NoSender);
        await pipeline.Completion;
    }
}
