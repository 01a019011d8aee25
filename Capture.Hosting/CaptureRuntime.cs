using Capture.Actors.Drivers;
using Capture.Actors.Pipeline;
using Capture.Hosting.Configuration;

namespace Capture.Hosting;

/// <summary>
/// The running capture inside a host, for code that wants its stats or to ask the supervisor
/// for a reload. <see cref="Pipeline"/> is set once the hosted service has started it.
/// </summary>
public sealed class CaptureRuntime
{
    readonly TaskCompletionSource<CapturePipeline> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<CapturePipeline> Started => _started.Task;

    public CapturePipeline? Pipeline => _started.Task.IsCompletedSuccessfully ? _started.Task.Result : null;

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

    internal void Set(CapturePipeline pipeline) => _started.TrySetResult(pipeline);
}
