namespace Capture.Native.Kmod;

/// <summary>
/// The kernel module driver cannot be used here: the kernel has no module support, the module
/// is not loaded (no devices), or a device cannot be opened (permission, another reader). The
/// message says which and what to do. Restarting does not cure it.
/// </summary>
public sealed class KmodUnavailableException(string problem, Exception? inner = null)
    : Exception($"the kernel module driver cannot be used here: {problem}", inner)
{
    public string Problem => problem;
}
