using Capture.Native.Abi;
using Capture.Native.Kmod;

namespace Capture.Actors.Drivers.Kmod;

/// <summary>
/// The module's per-CPU counters, read at most once per interval however many rings ask (each
/// read is one ioctl per CPU). A read that fails is kept as the driver's fault: the module's
/// state behind the devices is gone (ENODEV) or the devices are, and the rings report it.
/// </summary>
public sealed class KmodCounterCache(KmodModule module, TimeSpan? maxAge = null)
{
    readonly TimeSpan _maxAge = maxAge ?? TimeSpan.FromMilliseconds(5);
    readonly Lock _gate = new();
    IReadOnlyList<ProbeCounters>? _perCpu;
    long _readAt;

    /// <summary>Why the counters can no longer be read, or null.</summary>
    public DriverFaultException? Fault { get; private set; }

    /// <summary>The latest counters; after a fault the last ones read (or zeros), never a throw.</summary>
    public IReadOnlyList<ProbeCounters> PerCpu
    {
        get
        {
            lock (_gate)
            {
                var now = Environment.TickCount64;
                if (Fault is null && (_perCpu is null || now - _readAt >= _maxAge.TotalMilliseconds))
                {
                    try
                    {
                        _perCpu = module.ReadCounters().PerCpu;
                    }
                    catch (KmodIoctlFailedException e)
                    {
                        Fault = new DriverFaultException($"the kernel module stopped answering: {e.Message}", e);
                    }
                    _readAt = now;
                }
                return _perCpu ?? new ProbeCounters[module.PossibleCpus];
            }
        }
    }
}
