using Microsoft.Extensions.Configuration;

namespace Capture.Plugins;

/// <summary>What a plugin may contribute, handed to <see cref="ICapturePlugin.Register"/>.</summary>
public interface IPluginRegistration
{
    /// <summary>The plugin's own section, <c>Plugins:&lt;Name&gt;</c> of the host's configuration; empty when there is none.</summary>
    IConfiguration Configuration { get; }

    /// <summary>The event types the host knows: names, directions and ids, to turn settings into type ids once.</summary>
    IEventCatalog Events { get; }

    /// <summary>
    /// Runs <paramref name="stage"/> on every batch passing <paramref name="at"/>. Stages at one
    /// point run in the order they were added, plugin by plugin in load order.
    /// </summary>
    void AddStage(ExtensionPoint at, IBatchStage stage, PluginFailurePolicy onFailure = PluginFailurePolicy.FailOpen);

    /// <summary>
    /// Adds a sink that receives every merged batch, on its own thread behind its own bounded
    /// buffer. It is named <c>&lt;plugin&gt;/&lt;sink name&gt;</c> in the pipeline. A sink that
    /// throws is stopped and reported; the capture goes on.
    /// </summary>
    void AddSink(IPluginSink sink, SinkDelivery delivery);
}
