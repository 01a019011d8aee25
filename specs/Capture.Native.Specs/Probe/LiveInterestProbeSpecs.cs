using Capture.Native.Probe;

namespace Capture.Native.Specs.Probe;

/// <summary>Changing the interest set of a loaded, attached probe, also while it goes away.</summary>
public sealed class LiveInterestProbeSpecs
{
    static ModernProbe Load(params string[] syscalls) =>
        ModernProbe.Load(new ProbeSettings { BufferBytes = 64 * 1024, Interest = NativeSyscalls.NumbersOf(syscalls) });

    [KernelFact]
    public void An_attached_probe_must_trace_a_syscall_only_while_it_is_in_the_interest_set()
    {
        using var probe = Load("getppid");
        probe.Attach();
        var getppid = NativeSyscalls.NumberOf("getppid");
        Assert.Equal(new[] { getppid }, probe.Interest);

        var traced = GetppidEventsOf(probe);
        probe.SetInterest(NativeSyscalls.NumbersOf("read"));
        Assert.Equal(new[] { NativeSyscalls.NumberOf("read") }, probe.Interest);
        var removed = GetppidEventsOf(probe);
        probe.SetInterest(NativeSyscalls.NumbersOf("read", "getppid"));
        var added = GetppidEventsOf(probe);

        Assert.Equal(100, traced);
        Assert.Equal(0, removed);
        Assert.Equal(100, added);
    }

    [KernelFact]
    public void A_disposed_probe_must_refuse_interest_changes_and_counter_reads_naming_itself()
    {
        var probe = Load("getppid");
        probe.Dispose();

        var change = Assert.Throws<ObjectDisposedException>(() => probe.SetInterest(NativeSyscalls.NumbersOf("read")));
        var read = Assert.Throws<ObjectDisposedException>(() => probe.ReadCounters());
        Assert.Contains(nameof(ModernProbe), change.Message);
        Assert.Contains(nameof(ModernProbe), read.Message);
    }

    [KernelFact]
    public void Interest_changes_while_the_probe_is_disposed_must_finish_whole_or_be_refused_never_write_through_a_closed_fd()
    {
        for (var round = 0; round < 5; round++)
        {
            var probe = Load("getppid");
            var changes = 0;
            var refused = 0;
            Exception? wrong = null;
            var started = new ManualResetEventSlim();
            var changer = new Thread(() =>
            {
                started.Set();
                var sets = new[] { NativeSyscalls.NumbersOf("read"), NativeSyscalls.NumbersOf("getppid", "write") };
                while (true)
                {
                    try
                    {
                        probe.SetInterest(sets[changes % 2]);
                        changes++;
                    }
                    catch (ObjectDisposedException)
                    {
                        if (++refused == 100) return;
                    }
                    catch (Exception e)
                    {
                        wrong = e;
                        return;
                    }
                }
            });
            changer.Start();
            started.Wait();
            Thread.Sleep(5);
            probe.Dispose();
            Assert.True(changer.Join(TimeSpan.FromSeconds(10)), "the changer must see the probe disposed");

            Assert.Null(wrong);
            Assert.True(changes > 0, "the changer must have changed the set while the probe lived");
            Assert.Equal(100, refused);
        }
    }

    /// <summary>Runs 100 getppid calls in a child process and counts the getppid events the probe wrote for it.</summary>
    static int GetppidEventsOf(ModernProbe probe)
    {
        using var captured = new CapturedEvents(probe);
        TestProgram.Run(out var pid, "loop", "getppid", "100");
        var getppid = NativeSyscalls.NumberOf("getppid");
        return captured.StopAndCollect().Count(frame =>
        {
            var view = FrameReading.View(frame);
            return FrameReading.ThreadIdOf(frame) == (ulong)pid && view.Info.EnumName == "PPME_GENERIC_X" && view.UInt16(1) == getppid;
        });
    }
}
