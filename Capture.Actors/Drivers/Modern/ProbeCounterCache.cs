using Capture.Native.Abi;
using Capture.Native.Probe;

namespace Capture.Actors.Drivers.Modern;

/// <summary>
/// The probe's per-CPU counters, read from the kernel at most once per interval however many
/// stream asks: each read is a system call, and it asks with every batch.
/// </summary>
public sealed class ProbeCounterCache(ModernProbe probe, TimeSpan? maxAge = null)
{
    readonly TimeSpan _maxAge = maxAge ?? TimeSpan.FromMilliseconds(5);
    readonly Lock _gate = new();
    IReadOnlyList<ProbeCounters>? _perCpu;
    long _readAt;

    public IReadOnlyList<ProbeCounters> PerCpu
    {
        get
        {
            lock (_gate)
            {
                var now = Environment.TickCount64;
                if (_perCpu is null || now - _readAt >= _maxAge.TotalMilliseconds)
                {
                    _perCpu = probe.ReadCounters().PerCpu;
                    _readAt = now;
                }
                return _perCpu;
            }
        }
    }
}
