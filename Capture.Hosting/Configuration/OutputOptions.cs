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

    // Rotation of scap outputs (the command's -C/-G/-W/-e) is configured here once the rotating
    // scap output lands in Capture.Actors/Outputs: its settings join this record (so that a
    // reload sees them change), ServeOutputs.Open picks the rotating output when they are set,
    // and OutputOptionsValidator checks them.

    /// <summary>Writes to the service's standard output rather than a file.</summary>
    public bool ToStandardOutput => Kind != OutputKind.Scap && (string.IsNullOrEmpty(Path) || Path == StandardOutput);

    /// <summary>How logs and messages name this output.</summary>
    public string Describe() => $"{Kind.ToString().ToLowerInvariant()} {(ToStandardOutput ? "stdout" : Path)}";

    /// <summary>The same output with another filter: what a reload can change without reopening it.</summary>
    public bool SameButFilter(OutputOptions other) => this with { Filter = other.Filter } == other;
}
