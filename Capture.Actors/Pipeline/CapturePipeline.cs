using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Capture.Actors.Drivers;
using Capture.Actors.Plugins;
using Capture.Actors.Rings;
using Capture.Actors.Sinks;
using Capture.Actors.Streams;
using Capture.Actors.Supervision;
using Capture.Native.Batches;
using Capture.Actors.Accounting;

namespace Capture.Actors.Pipeline;

/// <summary>
/// The whole live path, wired: rings → merge by timestamp → fan-out to sinks, with a
/// <see cref="DriverSupervisor"/> owning the driver. A batch crosses two thread hand-offs on
/// the way: from the polling thread to the stream (where the rings are read, merged and run
/// through the plugin stages, all fused on one thread), and from the stream to each sink's
/// own thread. The stream is materialized first, then the supervisor starts loading and
/// attaches the rings through the <see cref="RingPort"/>; the run ends when the supervisor
/// completes the port (stop, failure, end of a replay) and every sink has completed or,
/// stalled past <see cref="PipelineSettings.SinkStallTimeout"/>, been cut off. With a
/// <see cref="PluginHost"/>, its extension points go in after decode (before the merge),
/// after the merge and before each sink, and its sinks join the fan-out.
/// </summary>
public sealed class CapturePipeline
{
    CapturePipeline(IActorRef supervisor, PipelineStats stats, EventBatchPool pool, Task completion)
    {
        Supervisor = supervisor;
        Stats = stats;
        Pool = pool;
        Completion = completion;
    }

    /// <summary>Send it <see cref="Protocol.ReloadDriver"/>, <see cref="Protocol.StopCapture"/> or <see cref="Protocol.GetDriverStatus"/>.</summary>
    public IActorRef Supervisor { get; }

    public PipelineStats Stats { get; }

    /// <summary>Every batch in flight comes from here; <see cref="EventBatchPool.Outstanding"/> is 0 after a run.</summary>
    public EventBatchPool Pool { get; }

    /// <summary>Completes once the stream has ended and every sink has been completed.</summary>
    public Task Completion { get; }

    public static CapturePipeline Start(
        ActorSystem system,
        IDriverLoader loader,
        IReadOnlyList<SinkBinding> sinks,
        PipelineSettings? settings = null,
        string name = "capture",
        PluginHost? plugins = null)
    {
        settings ??= new PipelineSettings();
        SchedulerWarmUp.Ensure(system);
        var stats = new PipelineStats();
        var pool = new EventBatchPool(settings.BatchBlockBytes, settings.BatchMaxEvents);
        var events = system.EventStream;

        var extensions = plugins?.Attach(system, pool, stats, sinks) ?? ExtensionStages.None(sinks);

        var (port, completion) = Source.FromGraph(new RingsSource(settings.Rings))
            .Via(extensions.AfterDecode)
            .Via(new MergeByTimestamp(pool, settings.Merge, stats))
            .Via(extensions.AfterMerge)
            .ToMaterialized(new FanOutSink(extensions.Sinks, stats, settings.SinkStallTimeout, failure => events.Publish(failure)), Keep.Both)
            .Run(system.Materializer(namePrefix: name));

        var supervisor = system.ActorOf(DriverSupervisor.Props(loader, port, pool, settings.Supervisor), $"{name}-driver");
        return new CapturePipeline(supervisor, stats, pool, completion);
    }
}
