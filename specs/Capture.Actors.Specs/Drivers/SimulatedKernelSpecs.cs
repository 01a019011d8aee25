using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Specs.Simulation;
using Capture.Native.Batches;
using Capture.Native.Events;
using Capture.Native.Schema;

namespace Capture.Actors.Specs.Drivers;

public sealed class SimulatedKernelSpecs
{
    const ulong Millisecond = 1_000_000;

    [Fact]
    public void Simulated_frames_must_decode_with_the_event_table()
    {
        var events = 0;
        foreach (var batch in Drain(new SimulationSettings { Rings = 2 }, Millisecond))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                Assert.Equal(FrameFault.None, EventView.TryRead(batch.Frame(i), out var view));
                Assert.Contains(view.Type, new[] { EventIds.PPME_SYSCALL_READ_X, EventIds.PPME_SYSCALL_WRITE_X, EventIds.PPME_SYSCALL_OPEN_X });
                Assert.Equal(view.Info.Params.Length, view.ParamCount);
                for (var p = 0; p < view.ParamCount; p++)
                {
                    var value = view.Param(p);
                    switch (view.Info.Params[p].Type)
                    {
                        case ParamType.ERRNO or ParamType.FD or ParamType.UINT64: Assert.Equal(8, value.Length); break;
                        case ParamType.UINT32 or ParamType.FLAGS32: Assert.Equal(4, value.Length); break;
                        case ParamType.FSPATH: Assert.Equal(0, value[^1]); break;
                    }
                }
                Assert.Equal(batch.Slot(i).Timestamp, view.Timestamp);
                events++;
            }
            batch.Release();
        }
        Assert.True(events > 1_000);
    }

    [Fact]
    public void The_same_seed_must_produce_the_same_events_and_another_seed_others()
    {
        var settings = new SimulationSettings { Seed = 77, Rings = 3, ReorderWithinNs = 20_000, Faults = [new Burst(1, Millisecond / 2, 100)] };

        var first = Reference.Collect(settings, 2 * Millisecond, Millisecond / 4);
        var again = Reference.Collect(settings, 2 * Millisecond, Millisecond);
        var other = Reference.Collect(settings with { Seed = 78 }, 2 * Millisecond, Millisecond / 4);

        // The steps change only how the rings' events interleave, never what they are.
        Assert.Equal(first.Canonical(), again.Canonical());
        Assert.NotEqual(first.Canonical(), other.Canonical());
    }

    [Fact]
    public void A_full_ring_must_drop_and_count_in_the_kernel()
    {
        var kernel = new SimulatedKernel(new SimulationSettings { Rings = 1, RingCapacity = 100 });
        using var driver = new SimulatedDriverLoader(kernel).Load();
        var ring = Assert.Single(driver.Start(new EventBatchPool(64 * 1024, 512)));

        kernel.Advance(Millisecond);

        var totals = kernel.Totals;
        Assert.Equal(100, totals.Written);
        Assert.Equal(totals.Generated - 100, totals.KernelDropped);
        Assert.Equal(totals.KernelDropped, ring.Counters.KernelDropped);
    }

    [Fact]
    public void A_corrupt_frame_must_be_counted_and_never_handed_over()
    {
        var kernel = new SimulatedKernel(new SimulationSettings { Rings = 1, Faults = [new CorruptFrame(0, Millisecond / 2)] });
        using var driver = new SimulatedDriverLoader(kernel).Load();
        var ring = Assert.Single(driver.Start(new EventBatchPool(64 * 1024, 512)));
        kernel.Advance(Millisecond);

        long handedOver = 0;
        while (ring.TryTake(out var batch))
        {
            for (var i = 0; i < batch.Count; i++) Assert.Equal(FrameFault.None, EventView.TryRead(batch.Frame(i), out _));
            handedOver += batch.Count;
            batch.Release();
        }

        Assert.Equal(1, ring.Counters.Corrupt);
        Assert.Equal(kernel.Totals.Generated - 1, handedOver);
    }

    [Fact]
    public void A_stalled_ring_must_hand_over_nothing_and_hold_its_watermark_until_the_stall_ends()
    {
        var kernel = new SimulatedKernel(new SimulationSettings { Rings = 1, Faults = [new StallRing(0, Millisecond, 3 * Millisecond)] });
        using var driver = new SimulatedDriverLoader(kernel).Load();
        var ring = Assert.Single(driver.Start(new EventBatchPool(64 * 1024, 512)));

        kernel.Advance(2 * Millisecond);
        Assert.False(ring.TryTake(out _));
        var held = ring.Watermark;
        kernel.Advance(Millisecond / 2);
        Assert.False(ring.TryTake(out _));
        Assert.Equal(held, ring.Watermark);
        Assert.True(held <= kernel.Settings.StartTime + Millisecond);
        Assert.True(kernel.Queued(0) > 0);

        kernel.Advance(Millisecond);
        Assert.True(ring.TryTake(out var after));
        after.Release();
    }

    [Fact]
    public void Producing_and_taking_events_must_not_allocate_once_warm()
    {
        var kernel = new SimulatedKernel(new SimulationSettings { Rings = 2, ReorderWithinNs = 10_000 });
        using var driver = new SimulatedDriverLoader(kernel).Load();
        var rings = driver.Start(new EventBatchPool(64 * 1024, 512));
        long events = 0;
        void Cycle()
        {
            kernel.Advance(Millisecond);
            for (var r = 0; r < rings.Count; r++) // an index, not foreach: an interface enumerator would allocate
                while (rings[r].TryTake(out var batch))
                {
                    events += batch.Count;
                    batch.Release();
                }
        }
        for (var i = 0; i < 10; i++) Cycle(); // warm: the pool has its batches

        var eventsBefore = events;
        var allocated = Allocations.FewestOver(3, () =>
        {
            for (var i = 0; i < 50; i++) Cycle();
        });

        Assert.True(events - eventsBefore > 50_000);
        Assert.Equal(0, allocated);
    }

    static IEnumerable<EventBatch> Drain(SimulationSettings settings, ulong duration)
    {
        var kernel = new SimulatedKernel(settings);
        using var driver = new SimulatedDriverLoader(kernel).Load();
        var rings = driver.Start(new EventBatchPool(64 * 1024, 512));
        kernel.Advance(duration);
        foreach (var ring in rings)
            while (ring.TryTake(out var batch))
                yield return batch;
    }
}
