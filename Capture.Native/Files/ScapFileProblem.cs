namespace Capture.Native.Files;

public enum ProblemSeverity
{
    /// <summary>Something was skipped on purpose (an unknown block or event id); nothing is wrong with the file.</summary>
    Warning,
    /// <summary>A damaged block or event was skipped; its framing was intact, so reading went on.</summary>
    Error,
}

/// <summary>Something a reader skipped, and where: the path and the byte offset in the uncompressed stream.</summary>
public sealed record ScapFileProblem(ProblemSeverity Severity, string Path, long Offset, string Reason)
{
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()}: {Path}: at byte {Offset}: {Reason}";
}
