using System.Text;
using Capture.Native.Machine;

namespace Capture.Native.Diagnostics;

/// <summary>One thing `capture info` checked: what, whether it holds, and a detail.</summary>
public sealed record MachineCheck(string Name, bool Ok, string Detail);

/// <summary>
/// What this machine offers the drivers: kernel, BTF, BPF ring buffers, tracepoints and
/// capabilities, and from those, which drivers can run and why not.
/// </summary>
public sealed record MachineReport(string Kernel, IReadOnlyList<MachineCheck> Checks, IReadOnlyList<MachineCheck> Drivers)
{
    const string BtfPath = "/sys/kernel/btf/vmlinux";

    public static MachineReport Probe()
    {
        var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "unknown";
        var caps = CapabilitySet.OfThisProcess();
        var btf = File.Exists(BtfPath);
        var ringProblem = BpfSupport.RingBufferProblem();
        var btfBytes = btf ? File.ReadAllBytes(BtfPath) : [];
        var tracepoints = Mentions(btfBytes, "btf_trace_sys_enter") && Mentions(btfBytes, "btf_trace_sys_exit");

        var recentEnough = KernelVersion(kernel) is { } version && version >= ProbeNeedsKernel;
        var checks = new List<MachineCheck>
        {
            new($"kernel {ProbeNeedsKernel.Major}.{ProbeNeedsKernel.Minor} or later", recentEnough,
                recentEnough ? $"{kernel}: has the BPF features the probe uses (bpf_loop is the newest, from 5.17)" : $"{kernel}: the probe walks cgroup paths with bpf_loop, which came in 5.17"),
            new("kernel BTF", btf, btf ? BtfPath : $"{BtfPath} is missing: CO-RE programs cannot be relocated"),
            new("BPF ring buffer", ringProblem is null, ringProblem is null ? "BPF_MAP_TYPE_RINGBUF created" : $"bpf(BPF_MAP_CREATE, RINGBUF) failed: {ringProblem}"),
            new("sys_enter/sys_exit tracepoints (tp_btf)", tracepoints, tracepoints ? "btf_trace_sys_enter and btf_trace_sys_exit in kernel BTF" : "not found in kernel BTF"),
            Cap(caps, Capability.Bpf, "CAP_BPF"),
            Cap(caps, Capability.Perfmon, "CAP_PERFMON"),
            // Neither of these is needed by the probe on a kernel it runs on; they are reported
            // so that "what does it need" has an answer here and not only in the README.
            new("CAP_SYS_ADMIN", true, caps.Has(Capability.SysAdmin) ? "present (stands in for CAP_BPF and CAP_PERFMON)"
                : "absent: not needed (the probe is relocated against vmlinux BTF only, so module BTFs are not read)"),
            new("CAP_SYS_RESOURCE", true, caps.Has(Capability.SysResource) ? "present"
                : "absent: not needed (RLIMIT_MEMLOCK stays as it is; kernels from 5.11 charge BPF memory to the cgroup)"),
        };

        var modernMissing = checks.Take(4).Where(c => !c.Ok).Select(c => c.Name).ToList();
        if (!caps.CanLoadTracingBpf) modernMissing.Add("CAP_BPF and CAP_PERFMON (or CAP_SYS_ADMIN)");
        var drivers = new List<MachineCheck>
        {
            new("modern", modernMissing.Count == 0, modernMissing.Count == 0 ? "can load the embedded eBPF probe" : "missing: " + string.Join(", ", modernMissing)),
            KmodDriverCheck(),
            new("replay", true, "reads scap files; needs nothing from the kernel"),
            new("simulated", true, "in-memory rings for specs; needs nothing from the kernel"),
        };
        return new(kernel, checks, drivers);
    }

    static MachineCheck KmodDriverCheck()
    {
        var (ok, detail) = Capture.Native.Kmod.KmodReport.Probe();
        return new("kmod", ok, detail);
    }

    /// <summary>The oldest kernel with every BPF feature the embedded probe uses.</summary>
    public static readonly Version ProbeNeedsKernel = new(5, 17);

    /// <summary>"6.18.44-fc-v669" → 6.18; null when the release does not start with two numbers.</summary>
    public static Version? KernelVersion(string release)
    {
        var parts = release.Split('.', 3);
        return parts.Length >= 2 && int.TryParse(parts[0], out var major) && int.TryParse(new string(parts[1].TakeWhile(char.IsAsciiDigit).ToArray()), out var minor)
            ? new Version(major, minor) : null;
    }

    static MachineCheck Cap(CapabilitySet caps, Capability capability, string name) =>
        new(name, caps.Has(capability), caps.Has(capability) ? "present" : "missing");

    // The type names are in the BTF string section; a byte search is enough for a report.
    static bool Mentions(byte[] btf, string typeName) =>
        btf.AsSpan().IndexOf(Encoding.ASCII.GetBytes(typeName + "\0")) >= 0;
}
