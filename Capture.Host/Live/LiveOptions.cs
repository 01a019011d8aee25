using Capture.Actors.Outputs;
using Capture.Hosting.Configuration;

namespace Capture.Host.Live;

/// <summary>
/// What a pipeline run of `capture` was asked to do: where events come from (the live probe,
/// or a file replayed through the same graph), where they go, and which plugins join in.
/// </summary>
/// <param name="PluginsOptional">Plugins that cannot be loaded are warned about and left out,
/// instead of refusing to start.</param>
public sealed record LiveOptions(CaptureOptions Capture, OutputRequest Output, string? PluginDirectory = null, bool PluginsOptional = false);
