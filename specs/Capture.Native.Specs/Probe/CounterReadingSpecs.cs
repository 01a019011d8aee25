using Capture.Native.Probe;

namespace Capture.Native.Specs.Probe;

/// <summary>Reading the probe's counters from another thread (a metrics scrape) while the probe goes away.</summary>
public sealed class CounterReadingSpecs
{
    [KernelFact]
    public void Counters_read_while_the_probe_is_disposed_must_come_back_whole_or_as_object_disposed_never_from_a_closed_fd()
    {
        for (var round = 0; round < 5; round++)
        {
            var probe = ModernProbe.Load(new ProbeSettings { BufferBytes = 64 * 1024, Interest = NativeSyscalls.NumbersOf("getppid") });
            var reads = 0;
            var refused = 0;
            Exception? wrong = null;
            var started = new ManualResetEventSlim();
            var reader = new Thread(() =>
            {
                while (true)
                {
                    try
                    {
                        Assert.Equal(probe.PossibleCpus, probe.ReadCounters().PerCpu.Count);
                        // Dispose only once reads are under way: the first read (its JIT) can
                        // take longer than the sleep below on a slow or emulated machine.
                        if (++reads == 1) started.Set();
                    }
                    catch (ObjectDisposedException)
                    {
                        // After dispose every read must be refused this way, and the loop ends.
                        if (++refused == 100) return;
                    }
                    catch (Exception e)
                    {
                        wrong = e;
                        return;
                    }
                }
            });
            reader.Start();
            Assert.True(started.Wait(TimeSpan.FromSeconds(60)), $"the reader never read the counters ({wrong})");
            Thread.Sleep(5);
            probe.Dispose();
            Assert.True(reader.Join(TimeSpan.FromSeconds(10)), "the reader must see the probe disposed");

            Assert.Null(wrong);
            Assert.True(reads > 0, "the reader must have read while the probe lived");
            Assert.Equal(100, refused);
        }
    }
}
