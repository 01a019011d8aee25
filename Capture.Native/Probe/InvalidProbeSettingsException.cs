namespace Capture.Native.Probe;

/// <summary>
/// The probe's settings cannot work (a ring size that is not a power of two, a snap length out
/// of range, a syscall the table does not have): loading again with them fails the same way,
/// so a supervisor gives up at once instead of restarting. Still an <see cref="ArgumentException"/>
/// naming the setting, for callers that validate settings themselves.
/// </summary>
public sealed class InvalidProbeSettingsException(string message, string setting) : ArgumentException(message, setting);
