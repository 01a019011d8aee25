using Capture.Native.Probe;
using Xunit;

namespace Capture.Specs.Support;

/// <summary>
/// A fact that needs the real kernel's BPF. xunit 2 has no dynamic skip, so the attribute
/// decides when the test class is discovered: where the probe truly cannot load (not
/// root, no BTF, no libbpf) the test is reported skipped with the reason, never passed.
/// Any other load failure is not a skip: the test runs and fails with the real error.
/// </summary>
public sealed class KernelFactAttribute : FactAttribute
{
    public KernelFactAttribute()
    {
        if (ProbeAvailability.Missing is { } missing) Skip = $"the eBPF probe cannot load here: {missing}";
    }
}

/// <summary>The theory counterpart of <see cref="KernelFactAttribute"/>.</summary>
public sealed class KernelTheoryAttribute : TheoryAttribute
{
    public KernelTheoryAttribute()
    {
        if (ProbeAvailability.Missing is { } missing) Skip = $"the eBPF probe cannot load here: {missing}";
    }
}

public static class ProbeAvailability
{
    static readonly Lazy<string?> s_missing = new(Probe);

    /// <summary>Why the probe cannot load on this machine, or null when it can.</summary>
    public static string? Missing => s_missing.Value;

    static string? Probe()
    {
        try
        {
            using var probe = ModernProbe.Load(new ProbeSettings { BufferBytes = 64 * 1024 });
            return null;
        }
        catch (ProbeUnavailableException e)
        {
            return e.Missing;
        }
    }
}
