using Capture.Native.Interop;

namespace Capture.Native.Probe;

/// <summary>
/// The probe stamps events with CLOCK_BOOTTIME plus a boot-time offset measured here at
/// load, so timestamps are epoch nanoseconds yet immune to the kernel's own clock jumps.
/// <see cref="Now"/> reads the same clock in userspace (for watermarks).
/// </summary>
public sealed class ProbeClock
{
    ProbeClock(ulong bootTimeNs) => BootTimeNs = bootTimeNs;

    /// <summary>CLOCK_REALTIME − CLOCK_BOOTTIME, in ns.</summary>
    public ulong BootTimeNs { get; }

    /// <summary>Measures the offset between two boottime readings to halve the error.</summary>
    public static ProbeClock Measure()
    {
        Libc.ClockGettime(Libc.ClockBoottime, out var before);
        Libc.ClockGettime(Libc.ClockRealtime, out var real);
        Libc.ClockGettime(Libc.ClockBoottime, out var after);
        var boot = before.TotalNanoseconds + (after.TotalNanoseconds - before.TotalNanoseconds) / 2;
        return new ProbeClock(real.TotalNanoseconds - boot);
    }

    public ulong Now()
    {
        Libc.ClockGettime(Libc.ClockBoottime, out var boot);
        return boot.TotalNanoseconds + BootTimeNs;
    }
}
