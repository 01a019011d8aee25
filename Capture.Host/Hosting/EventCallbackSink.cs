using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Native.Batches;
using Capture.Native.Events;

namespace Capture.Host.Hosting;

/// <summary>A program's own code, called for each event in timestamp order; the view is valid during the call only.</summary>
public delegate void EventCallback(in EventView ev, ushort cpu);

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
