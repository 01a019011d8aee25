using Capture.Actors.Outputs;

namespace Capture.Hosting.Configuration;

/// <summary>
/// One entry of `Capture:Outputs`: where `capture serve` delivers events and which of them.
/// A record, so that a reload compares outputs by what they say, not by which instance the
/// binder made.
/// </summary>
public sealed record OutputOptions
{
    /// <summary>The stdout path: lines go to the service's standard output.</summary>
    public const string StandardOutput = "-";

    public OutputKind Kind { get; init; } = OutputKind.Text;

    /// <summary>The file written (created 0600); for text and JSON, `-` or empty is standard output, and a file is appended to.</summary>
    public string? Path { get; init; }

    /// <summary>A scap file gzipped, as `capture -w -z`.</summary>
    public bool Gzip { get; init; }

    /// <summary>A scap file in the layouts Debian's sysdig 0.29.3 reads safely, as `capture -w --sysdig-2022`.</summary>
    public bool Sysdig2022 { get; init; }

    /// <summary>Only events matching this filter (the command's FILTER words), on top of `Capture:Filter`.</summary>
    public string? Filter { get; init; }

    /// <summary>Text and JSON lines in this format, as the command's `-p`.</summary>
    public string? Format { get; init; }

    /// <summary>A scap output split into files of this many megabytes (1,000,000 bytes), as the command's -C.</summary>
    public long? FileSizeMb { get; init; }

    /// <summary>A scap output split into a file per this many seconds of event time, as -G (a % in Path is a strftime pattern).</summary>
    public int? Seconds { get; init; }

    /// <summary>At most this many rotated files kept, the oldest replaced, as -W.</summary>
    public int? Keep { get; init; }

    /// <summary>A scap output split into files of this many events, as -e.</summary>
    public long? EventsPerFile { get; init; }

    /// <summary>The rotation these settings ask for, named as the command's flags name it; null for one file.</summary>
    public Rotation? Rotation => FileSizeMb is null && Seconds is null && Keep is null && EventsPerFile is null
        ? null
        : new Rotation(FileSizeMb is { } mb && mb > 0 && mb <= long.MaxValue / Rotation.BytesPerMegabyte ? mb * Rotation.BytesPerMegabyte : FileSizeMb, Seconds, Keep, EventsPerFile);

    /// <summary>Writes to the service's standard output rather than a file.</summary>
    public bool ToStandardOutput => Kind != OutputKind.Scap && (string.IsNullOrEmpty(Path) || Path == StandardOutput);

    /// <summary>How logs and messages name this output.</summary>
    public string Describe() => $"{Kind.ToString().ToLowerInvariant()} {(ToStandardOutput ? "stdout" : Path)}";

    /// <summary>The same output with another filter: what a reload can change without reopening it.</summary>
    public bool SameButFilter(OutputOptions other) => this with { Filter = other.Filter } == other;
}
