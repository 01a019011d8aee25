using Capture.Actors.Outputs;

namespace Capture.Host.Commands;

/// <summary>What `capture -r` was asked to do.</summary>
public sealed record ReadOptions(string InputPath, OutputRequest Output, long? MaxEvents);
