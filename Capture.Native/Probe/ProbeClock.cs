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

    /// <summary>
    /// The two clocks differ by a constant (only a step of the wall clock changes it), so the
    /// offset is read between two boottime readings, and of several tries the one with the
    /// closest pair is kept: a try cut by preemption or a first call would be microseconds off,
    /// and event times would then fall outside the calls that made them.
    /// </summary>
    public static ProbeClock Measure() => Measure(tries: 16);

    internal static ProbeClock Measure(int tries)
    {
        var closest = ulong.MaxValue;
        ulong offset = 0;
        for (var i = 0; i < tries; i++)
        {
            Libc.ClockGettime(Libc.ClockBoottime, out var before);
            Libc.ClockGettime(Libc.ClockRealtime, out var real);
            Libc.ClockGettime(Libc.ClockBoottime, out var after);
            var gap = after.TotalNanoseconds - before.TotalNanoseconds;
            if (gap >= closest) continue;
            closest = gap;
            offset = real.TotalNanoseconds - (before.TotalNanoseconds + gap / 2);
        }
        return new ProbeClock(offset);
    }

    public ulong Now()
    {
        Libc.ClockGettime(Libc.ClockBoottime, out var boot);
        return boot.TotalNanoseconds + BootTimeNs;
    }
}
