namespace Capture.Native.Probe;

/// <summary>
/// The probe cannot run on this machine or as this user; the message says what is missing
/// (BTF, a capability, libbpf, BPF ring buffers). Specs against the kernel skip on it.
/// </summary>
public sealed class ProbeUnavailableException(string missing, Exception? inner = null)
    : Exception($"the eBPF probe cannot be used here: {missing}", inner)
{
    public string Missing { get; } = missing;
}
