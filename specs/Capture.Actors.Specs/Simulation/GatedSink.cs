using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Native.Batches;

namespace Capture.Actors.Specs.Simulation;

/// <summary>A sink that blocks in Write until the spec opens its gate: a sink that stopped taking.</summary>
sealed class GatedSink(string name) : ICaptureSink
{
    readonly ManualResetEventSlim _gate = new(false);
    readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    long _events;
    long _writes;

    public string Name => name;
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Writes that have begun, including one blocked at the gate.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public Task Completed => _completed.Task;

    public void Open() => _gate.Set();

    public void Write(EventBatch batch)
    {
        try
        {
            Interlocked.Increment(ref _writes);
            _gate.Wait();
            Interlocked.Add(ref _events, batch.Count);
        }
        finally
        {
            batch.Release();
        }
    }

    public void Gap(CaptureGap gap) { }

    public void Complete() => _completed.TrySetResult();
}
