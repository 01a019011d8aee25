using Capture.Native.Schema;

namespace Capture.Native.Probe;

/// <summary>The probe's API or schema version does not satisfy what this build of capture requires.</summary>
public sealed class ProbeVersionMismatchException(string what, SemanticVersion probe, SemanticVersion required)
    : Exception($"the probe's {what} version {probe} does not satisfy the required {required} (same major, minor.patch at least the required)")
{
    public string What { get; } = what;
    public SemanticVersion Probe { get; } = probe;
    public SemanticVersion Required { get; } = required;
}
