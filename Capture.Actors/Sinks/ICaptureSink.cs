using Capture.Actors.Protocol;
using Capture.Native.Batches;

namespace Capture.Actors.Sinks;

/// <summary>
/// Where merged events end up: text, JSON lines, a scap file, stats. Each sink runs on its
/// own thread, so a slow or failing sink touches nobody else beyond what its policy allows.
///
/// Ownership: <see cref="Write"/> hands the sink one reference to the batch. The sink must
/// call <see cref="EventBatch.Release"/> exactly once when it is done with it, also when it
/// fails (release in a finally), and may keep the batch past the call until then. A sink
/// that throws, or whose call runs past the pipeline's <see cref="Pipeline.PipelineSettings.SinkStallTimeout"/>,
/// is cut off and reported; the others go on.
/// </summary>
public interface ICaptureSink
{
    /// <summary>Unique within one pipeline; counters and failure reports use it.</summary>
    string Name { get; }

    /// <summary>Events in timestamp order, continuing where the previous batch ended.</summary>
    void Write(EventBatch batch);

    /// <summary>Capture had a hole here (driver fault or reload).</summary>
    void Gap(CaptureGap gap);

    /// <summary>The stream ended; flush and close. Not called on a sink that failed.</summary>
    void Complete();
}
