using Capture.Native.Abi;

namespace Capture.Native.Probe;

/// <summary>The probe's counters at one moment: per CPU and summed.</summary>
public sealed class ProbeCounterReport(ProbeCounters[] perCpu)
{
    public IReadOnlyList<ProbeCounters> PerCpu { get; } = perCpu;

    public ProbeCounters Total
    {
        get
        {
            var total = new ProbeCounters();
            foreach (var cpu in perCpu) total.Add(cpu);
            return total;
        }
    }
}
