using Capture.Actors.Pipeline;

namespace Capture.Hosting.Configuration;

/// <summary>
/// Everything a capture is started with, bound once from configuration (appsettings.json,
/// environment, command line) and then immutable: a change is a reload, never a mutation.
/// </summary>
public sealed record CaptureOptions
{
    public const int DefaultSnapLength = 80;
    public const long DefaultBufferBytes = 8L << 20;

    public DriverKind Driver { get; init; } = DriverKind.Modern;

    /// <summary>Bytes of each string and buffer parameter the probe keeps.</summary>
    public int SnapLength { get; init; } = DefaultSnapLength;

    /// <summary>Size of each kernel ring buffer; a power of two and a multiple of the page size.</summary>
    public long BufferBytes { get; init; } = DefaultBufferBytes;

    /// <summary>1: one ring per CPU; N: one ring per N CPUs; 0: one ring for all.</summary>
    public int CpusForEachBuffer { get; init; } = 1;

    /// <summary>System calls of interest by name; empty means all.</summary>
    public IReadOnlyList<string> Syscalls { get; init; } = [];

    /// <summary>Also capture the enter events of connect, creat, open, openat and openat2 (TOCTOU mitigation); see ProbeSettings.EnterEvents.</summary>
    public bool EnterEvents { get; init; }

    /// <summary>The file to replay when <see cref="Driver"/> is <see cref="DriverKind.Replay"/>.</summary>
    public string? ReplayFile { get; init; }

    /// <summary>Stop after this many events; null for no limit.</summary>
    public long? MaxEvents { get; init; }

    /// <summary>Stop after this long; null for no limit.</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>How long one call into a sink may run before the sink is cut off and what it holds is counted as dropped.</summary>
    public TimeSpan SinkStallTimeout { get; init; } = PipelineSettings.DefaultSinkStallTimeout;

    /// <summary>Where a service delivers events (`capture serve`); the command has its own flags for one output.</summary>
    public IReadOnlyList<OutputOptions> Outputs { get; init; } = [];

    /// <summary>A filter every output of a service applies, before its own (the command's FILTER words).</summary>
    public string? Filter { get; init; }

    /// <summary>Plugin directories a service loads (each as the command's --plugins); one directory may be given as a plain string.</summary>
    public IReadOnlyList<string> Plugins { get; init; } = [];

    /// <summary>A plugin that cannot be loaded is a warning, not a refusal (the command's --plugins-optional).</summary>
    public bool PluginsOptional { get; init; }
}
