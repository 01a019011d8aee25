using Capture.Actors.Outputs;
using Capture.Host.Configuration;

namespace Capture.Host.Live;

/// <summary>
/// What a pipeline run of `capture` was asked to do: where events come from (the live probe,
/// or a file replayed through the same graph), where they go, and which plugins join in.
/// </summary>
public sealed record LiveOptions(CaptureOptions Capture, OutputRequest Output, string? PluginDirectory = null);
