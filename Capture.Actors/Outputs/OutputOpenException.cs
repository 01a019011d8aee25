namespace Capture.Actors.Outputs;

/// <summary>The output file could not be created: the message names the file and the system's reason.</summary>
public sealed class OutputOpenException(string path, Exception reason) : Exception($"cannot write {path}: {reason.Message}", reason);
