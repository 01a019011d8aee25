using Capture.Plugins;
using Microsoft.Extensions.Configuration;

namespace Capture.Actors.Plugins;

/// <summary>Collects what one plugin contributes while its <see cref="ICapturePlugin.Register"/> runs.</summary>
sealed class PluginRegistration(IConfiguration configuration) : IPluginRegistration
{
    public sealed record StageEntry(ExtensionPoint At, IBatchStage Stage, PluginFailurePolicy OnFailure);

    public sealed record SinkEntry(IPluginSink Sink, SinkDelivery Delivery);

    public IConfiguration Configuration => configuration;

    public IEventCatalog Events => EventCatalog.Instance;

    public List<StageEntry> Stages { get; } = [];

    public List<SinkEntry> Sinks { get; } = [];

    public void AddStage(ExtensionPoint at, IBatchStage stage, PluginFailurePolicy onFailure = PluginFailurePolicy.FailOpen)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (at.Kind == ExtensionPointKind.BeforeSink && string.IsNullOrWhiteSpace(at.Sink))
            throw new ArgumentException("a before-sink extension point needs the name of a sink", nameof(at));
        Stages.Add(new StageEntry(at, stage, onFailure));
    }

    public void AddSink(IPluginSink sink, SinkDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (delivery.Capacity < 1) throw new ArgumentOutOfRangeException(nameof(delivery), "a sink's buffer holds at least one batch");
        if (Sinks.Any(s => s.Sink.Name == sink.Name)) throw new ArgumentException($"the plugin already has a sink named '{sink.Name}'", nameof(sink));
        Sinks.Add(new SinkEntry(sink, delivery));
    }
}
