namespace Capture.Host.Commands;

/// <summary>What `capture -r` was asked to do.</summary>
public sealed record ReadOptions(
    string InputPath,
    string? OutputPath,
    bool Json,
    bool Compress,
    bool Sysdig2022Compatible,
    long? MaxEvents);
