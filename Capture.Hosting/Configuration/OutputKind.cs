namespace Capture.Hosting.Configuration;

/// <summary>What a configured output of `capture serve` writes.</summary>
public enum OutputKind
{
    /// <summary>A scap capture file, as `capture -w` writes it (gzipped with <see cref="OutputOptions.Gzip"/>).</summary>
    Scap,
    /// <summary>JSON lines, as `capture -j` prints them.</summary>
    Json,
    /// <summary>sysdig's text lines, as `capture` prints them (or a `-p` format).</summary>
    Text,
}
