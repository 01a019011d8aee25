using Capture.Actors.Drivers;
using Capture.Actors.Accounting;
using Capture.Actors.Pipeline;
using Capture.Hosting.Configuration;

namespace Capture.Hosting;

/// <summary>
/// The running capture inside a host, for code that wants its stats or to ask the supervisor
/// for a reload. <see cref="Pipeline"/> is set once the hosted service has started it, and
/// replaced when a configuration change restarts the pipeline (its outputs or plugins changed);
/// <see cref="FinishedPipelines"/> keeps the books of those that came before, so totals go on.
/// </summary>
public sealed class CaptureRuntime
{
    readonly TaskCompletionSource<CapturePipeline> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    volatile CapturePipeline? _pipeline;
    volatile IReadOnlyList<PipelineStats> _finished = [];
    volatile IReadOnlyList<ServeOutput> _outputs = [];

    /// <summary>The first pipeline the service started; <see cref="Pipeline"/> is the one running now.</summary>
    public Task<CapturePipeline> Started => _started.Task;

    public CapturePipeline? Pipeline => _pipeline;

    /// <summary>The books of the pipelines a restart replaced, oldest first.</summary>
    public IReadOnlyList<PipelineStats> FinishedPipelines => _finished;

    /// <summary>The configured outputs (`Capture:Outputs`) the running pipeline writes to.</summary>
    public IReadOnlyList<ServeOutput> Outputs => _outputs;

    /// <summary>The settings in force: those the service started with, or the last reload it accepted.</summary>
    public CaptureOptions? Options { get; internal set; }

    /// <summary>The loader of the driver now in use (it changes on a configuration reload).</summary>
    public IDriverLoader? Loader { get; internal set; }

    /// <summary>Why the driver supervisor gave up (a capability missing, restarts exhausted), or null.</summary>
    public string? Failure { get; internal set; }

    long _driverRestarts;

    /// <summary>Driver restarts after faults since the service started; the supervisor's own count starts over after a stable run.</summary>
    public long DriverRestarts => Interlocked.Read(ref _driverRestarts);

    internal void DriverRestarted() => Interlocked.Increment(ref _driverRestarts);

    internal void Set(CapturePipeline pipeline, IReadOnlyList<ServeOutput> outputs)
    {
        _outputs = outputs;
        _pipeline = pipeline;
        _started.TrySetResult(pipeline);
    }

    /// <summary>A pipeline that ended for a restart: its books join the finished ones.</summary>
    internal void Retire(CapturePipeline pipeline) => _finished = [.. _finished, pipeline.Stats];
}
