using Capture.Actors.Streams;

namespace Capture.Host.Hosting;

/// <summary>
/// The running capture inside a host, for code that wants its stats or to ask the supervisor
/// for a reload. <see cref="Pipeline"/> is set once the hosted service has started it.
/// </summary>
public sealed class CaptureRuntime
{
    readonly TaskCompletionSource<CapturePipeline> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<CapturePipeline> Started => _started.Task;

    public CapturePipeline? Pipeline => _started.Task.IsCompletedSuccessfully ? _started.Task.Result : null;

    internal void Set(CapturePipeline pipeline) => _started.TrySetResult(pipeline);
}
