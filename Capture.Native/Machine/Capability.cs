namespace Capture.Native.Machine;

/// <summary>The Linux capabilities that matter to loading and running the probe.</summary>
public enum Capability
{
    SysAdmin = 21,
    SysResource = 24,
    Perfmon = 38,
    Bpf = 39,
}
