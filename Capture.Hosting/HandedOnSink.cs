using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Native.Batches;

namespace Capture.Hosting;

/// <summary>
/// A sink the program registered (a callback, an event stream, the metrics), which outlives
/// any one pipeline of the service: when a restart hands it on to the next pipeline, the old
/// one's completion is not passed to it, so an event stream does not end with the pipeline.
/// </summary>
public sealed class HandedOnSink(ICaptureSink inner) : ICaptureSink
{
    volatile bool _handOn;

    public string Name => inner.Name;

    /// <summary>The pipeline now ending hands the sink on: its completion is not passed on, once.</summary>
    public void HandOn() => _handOn = true;

    public void Write(EventBatch batch) => inner.Write(batch);

    public void Gap(CaptureGap gap) => inner.Gap(gap);

    public void Complete()
    {
        if (_handOn) _handOn = false;
        else inner.Complete();
    }
}
