using Capture.Native.Abi;
using Capture.Native.Probe;

namespace Capture.Native.Specs.Probe;

public sealed class ProbeCountingSpecs
{
    [KernelFact]
    public void A_tiny_ring_under_load_must_count_drops_and_seen_must_equal_delivered_plus_dropped()
    {
        using var probe = ModernProbe.Load(new ProbeSettings
        {
            BufferBytes = 16 * 1024,
            Interest = NativeSyscalls.NumbersOf("getppid"),
        });
        probe.Attach();
        // Nobody drains while the loop runs, so the 16 KiB rings overflow.
        TestProgram.Run(out _, "loop", "getppid", "20000");
        probe.Detach();
        // Detaching does not wait for a program already running on another CPU to finish.
        Thread.Sleep(50);

        using var captured = new CapturedEvents(probe);
        var frames = captured.StopAndCollect();
        var total = probe.ReadCounters().Total;

        Assert.True(total.DroppedRingFull > 0, $"expected ring-full drops, counters: seen {total.EventsSeen}, dropped {total.Dropped}");
        Assert.Equal(total.EventsSeen, (ulong)captured.Delivered + total.Dropped);

        AssertEveryLossIsMarkedOrStillPending(frames, total);
    }

    /// <summary>
    /// A loss followed by more events of the same CPU is marked in the stream, just before the
    /// first event that fits again, by a drop event that says how many were lost.
    /// </summary>
    [KernelFact]
    public void A_tiny_ring_drained_under_load_must_mark_each_gap_with_the_number_lost()
    {
        using var probe = ModernProbe.Load(new ProbeSettings
        {
            BufferBytes = 16 * 1024,
            Interest = NativeSyscalls.NumbersOf("getppid"),
        });
        // The spec's drain copies every event, so a tight loop outruns it, and the ring fills
        // and empties again and again.
        using var captured = new CapturedEvents(probe);
        probe.Attach();
        TestProgram.Run(out _, "loop", "getppid", "300000");
        probe.Detach();
        Thread.Sleep(50);
        var frames = captured.StopAndCollect();
        var total = probe.ReadCounters().Total;

        Assert.True(total.DroppedRingFull > 0, $"expected ring-full drops, counters: seen {total.EventsSeen}, dropped {total.Dropped}");
        Assert.True(total.GapMarkers > 0, "expected gaps followed by events");
        Assert.Equal(total.EventsSeen, (ulong)captured.Delivered + total.Dropped);
        AssertEveryLossIsMarkedOrStillPending(frames, total);
    }

    static void AssertEveryLossIsMarkedOrStillPending(IReadOnlyList<byte[]> frames, ProbeCounters total)
    {
        var markers = frames.Where(f => FrameReading.View(f).Info.EnumName == "PPME_DROP_E").ToList();
        Assert.Equal(total.GapMarkers, (ulong)markers.Count);
        var marked = markers.Aggregate(0UL, (sum, f) => sum + FrameReading.View(f).UInt32(0));
        Assert.Equal(total.Dropped, marked + total.LostUnmarked);
        Assert.Equal(total.Dropped, total.DroppedSyscall + total.DroppedScheduler + total.DroppedPageFault);
        Assert.Equal(0UL, total.DroppedTooLarge + total.DroppedNoBuffer);
    }

    [KernelFact]
    public void Changing_the_interest_set_while_attached_must_take_effect_for_the_next_calls()
    {
        using var probe = ModernProbe.Load(new ProbeSettings { Interest = NativeSyscalls.NumbersOf("getppid") });
        using var captured = new CapturedEvents(probe);
        probe.Attach();
        var pids = new List<int>();
        TestProgram.Run(out var first, "loop", "getppid", "100");
        probe.SetInterest([]);
        TestProgram.Run(out var second, "loop", "getppid", "100");
        probe.SetInterest(NativeSyscalls.NumbersOf("getppid"));
        TestProgram.Run(out var third, "loop", "getppid", "100");
        probe.Detach();
        var frames = captured.StopAndCollect();

        int GetppidEvents(int pid) => frames.Count(f => FrameReading.ThreadIdOf(f) == (ulong)pid && FrameReading.View(f).Info.EnumName == "PPME_GENERIC_X");
        Assert.Equal([100, 0, 100], [GetppidEvents(first), GetppidEvents(second), GetppidEvents(third)]);
    }

    [KernelFact]
    public void Counters_must_be_reported_per_cpu_and_sum_to_the_total()
    {
        using var probe = ModernProbe.Load(new ProbeSettings { Interest = NativeSyscalls.NumbersOf("getppid") });
        using var captured = new CapturedEvents(probe);
        probe.Attach();
        TestProgram.Run(out _, "loop", "getppid", "1000");
        probe.Detach();
        captured.StopAndCollect();

        var report = probe.ReadCounters();
        Assert.Equal(probe.PossibleCpus, report.PerCpu.Count);
        Assert.Equal(report.PerCpu.Aggregate(0UL, (sum, c) => sum + c.EventsSeen), report.Total.EventsSeen);
        Assert.True(report.Total.EventsSeen >= 1000);
        Assert.Equal(report.Total.EventsSeen, (ulong)captured.Delivered);
    }

    [KernelTheory]
    [InlineData(false, 100)]
    [InlineData(true, 0)]
    public void Failed_syscalls_must_make_events_unless_dropping_them_was_asked(bool dropFailed, int expectedCloses)
    {
        using var probe = ModernProbe.Load(new ProbeSettings { DropFailedSyscalls = dropFailed, Interest = NativeSyscalls.NumbersOf("close", "getppid") });
        using var captured = new CapturedEvents(probe);
        probe.Attach();
        TestProgram.Run(out var pid, "fail", "100");
        probe.Detach();
        var frames = captured.StopAndCollect().Where(f => FrameReading.ThreadIdOf(f) == (ulong)pid).ToList();

        // the dynamic loader's own (successful) closes are not the ones we look at
        var closes = frames.Where(f => FrameReading.View(f).Info.EnumName == "PPME_SYSCALL_CLOSE_X" && FrameReading.View(f).Int64(1) == -1).ToList();
        Assert.Equal(expectedCloses, closes.Count);
        Assert.All(closes, f => Assert.Equal(-9, FrameReading.View(f).Int64(0))); // EBADF
        Assert.Single(frames, f => FrameReading.View(f).Info.EnumName == "PPME_GENERIC_X");
    }
}
