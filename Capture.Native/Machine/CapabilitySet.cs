using System.Globalization;

namespace Capture.Native.Machine;

/// <summary>The effective capabilities of this process, read from /proc/self/status.</summary>
public readonly record struct CapabilitySet(ulong Effective)
{
    public bool Has(Capability capability) => (Effective & (1UL << (int)capability)) != 0;

    /// <summary>
    /// Loading BPF programs and reading tracepoints needs CAP_BPF with CAP_PERFMON, or the
    /// older catch-all CAP_SYS_ADMIN.
    /// </summary>
    public bool CanLoadTracingBpf => (Has(Capability.Bpf) && Has(Capability.Perfmon)) || Has(Capability.SysAdmin);

    public static CapabilitySet OfThisProcess(string statusPath = "/proc/self/status")
    {
        foreach (var line in File.ReadLines(statusPath))
            if (line.StartsWith("CapEff:", StringComparison.Ordinal))
                return new(ulong.Parse(line.AsSpan(7).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        return new(0);
    }
}
