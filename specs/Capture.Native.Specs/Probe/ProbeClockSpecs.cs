using Capture.Native.Probe;

namespace Capture.Native.Specs.Probe;

public sealed class ProbeClockSpecs
{
    [Fact]
    public void The_boot_time_offset_must_be_as_close_as_the_tightest_of_many_readings_so_event_times_fall_inside_their_calls()
    {
        // The two clocks differ by a constant; a thousand bracketed readings pin it to within a
        // few ns. Each estimate the loader makes must land within 100 ns of that, every time.
        var reference = ProbeClock.Measure(tries: 1000).BootTimeNs;
        for (var i = 0; i < 20; i++)
            Assert.InRange((long)(ProbeClock.Measure().BootTimeNs - reference), -100, 100);
    }
}
