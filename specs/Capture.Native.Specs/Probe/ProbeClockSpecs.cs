using Capture.Native.Interop;
using Capture.Native.Probe;

namespace Capture.Native.Specs.Probe;

public sealed class ProbeClockSpecs
{
    /// <summary>The tightest of many bracketed readings of CLOCK_REALTIME − CLOCK_BOOTTIME.</summary>
    static (ulong Offset, ulong Gap) Reference()
    {
        var closest = ulong.MaxValue;
        ulong offset = 0;
        for (var i = 0; i < 1000; i++)
        {
            Libc.ClockGettime(Libc.ClockBoottime, out var before);
            Libc.ClockGettime(Libc.ClockRealtime, out var real);
            Libc.ClockGettime(Libc.ClockBoottime, out var after);
            var gap = after.TotalNanoseconds - before.TotalNanoseconds;
            if (gap >= closest) continue;
            closest = gap;
            offset = real.TotalNanoseconds - (before.TotalNanoseconds + gap / 2);
        }
        return (offset, closest);
    }

    [Fact]
    public void The_boot_time_offset_must_be_as_close_as_the_tightest_reading_so_event_times_fall_inside_their_calls()
    {
        var (reference, gap) = Reference();
        // Each estimate is within half its own bracket of the true offset; 100 ns is more than
        // both halves on any machine that reads a vDSO clock in tens of ns.
        for (var i = 0; i < 20; i++)
        {
            var measured = ProbeClock.Measure().BootTimeNs;
            Assert.InRange((long)(measured - reference), -100 - (long)gap, 100 + (long)gap);
        }
    }
}
