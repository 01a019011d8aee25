using Capture.Host.Configuration;

namespace Capture.Host.Live;

/// <summary>What a live `capture` run was asked to do: where events come from and where they go.</summary>
public sealed record LiveOptions(CaptureOptions Capture, string? OutputPath, bool Json, bool Compress, bool Sysdig2022Compatible, bool Quiet = false);
