using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Native.Batches;

namespace Capture.Actors.Outputs;

/// <summary>
/// Delivers merged events to a callback the embedding program registered. It runs on the
/// sink's own thread; a callback that throws stops this sink only, and the failure is
/// reported in the pipeline's stats.
/// </summary>
public sealed class EventCallbackSink(string name, EventCallback callback) : ICaptureSink
{
    public string Name => name;

    public void Write(EventBatch batch)
    {
        try
        {
            for (var i = 0; i < batch.Count; i++) callback(batch.View(i), batch.Slot(i).Cpu);
        }
        finally
        {
            batch.Release();
        }
    }

    public void Gap(CaptureGap gap)
    {
    }

    public void Complete()
    {
    }
}
