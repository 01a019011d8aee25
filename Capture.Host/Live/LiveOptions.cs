using Capture.Host.Configuration;

namespace Capture.Host.Live;

/// <summary>
/// What a pipeline run of `capture` was asked to do: where events come from (the live probe,
/// or a file replayed through the same graph), where they go, and which plugins join in.
/// </summary>
public sealed record LiveOptions(CaptureOptions Capture, string? OutputPath, bool Json, bool Compress, bool Sysdig2022Compatible, bool Quiet = false, string? PluginDirectory = null);
