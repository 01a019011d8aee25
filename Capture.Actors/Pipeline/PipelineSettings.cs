using Capture.Actors.Rings;
using Capture.Actors.Streams;
using Capture.Actors.Supervision;

namespace Capture.Actors.Pipeline;

public sealed record PipelineSettings
{
    public SupervisorSettings Supervisor { get; init; } = new();

    public MergeSettings Merge { get; init; } = new();

    public RingSourceSettings Rings { get; init; } = new();

    /// <summary>Bytes of frames in one pooled batch.</summary>
    public int BatchBlockBytes { get; init; } = 256 * 1024;

    /// <summary>Most events in one pooled batch.</summary>
    public int BatchMaxEvents { get; init; } = 4 * 1024;

    /// <summary>
    /// How long one call into a sink (write, gap, complete) may run before the sink is cut
    /// off and what it holds is counted as dropped. Long enough for a disk that stalls for a
    /// moment; short enough that a hung sink cannot keep a capture from stopping.
    /// </summary>
    public TimeSpan SinkStallTimeout { get; init; } = DefaultSinkStallTimeout;

    public static readonly TimeSpan DefaultSinkStallTimeout = TimeSpan.FromSeconds(5);
}
