namespace Capture.Native.Probe;

/// <summary>A syscall whose TOCTOU enter event the probe does not send, and why (e.g. tracefs is not mounted).</summary>
public sealed record MissingEnterEvent(string Syscall, string Reason);
