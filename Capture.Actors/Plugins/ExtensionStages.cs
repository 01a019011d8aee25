using Akka;
using Akka.Streams.Dsl;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;

namespace Capture.Actors.Plugins;

/// <summary>
/// What the pipeline splices into its graph: a flow before the merge, one after it, and the
/// sinks as the fan-out should bind them. Without plugins, identity flows and the sinks as given.
/// </summary>
public sealed record ExtensionStages(
    Flow<RingSignal, RingSignal, NotUsed> AfterDecode,
    Flow<CaptureElement, CaptureElement, NotUsed> AfterMerge,
    IReadOnlyList<SinkBinding> Sinks)
{
    public static ExtensionStages None(IReadOnlyList<SinkBinding> sinks) =>
        new(Flow.Create<RingSignal>(), Flow.Create<CaptureElement>(), sinks);
}
