using Capture.Actors.Pipeline;
using Capture.Actors.Plugins;

namespace Capture.Hosting;

/// <summary>One pipeline of a service with what was built into it: the outputs of its fan-out and its plugins (null: none).</summary>
public sealed record ServeGeneration(CapturePipeline Pipeline, IReadOnlyList<ServeOutput> Outputs, PluginHost? Plugins);
