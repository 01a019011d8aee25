using Capture.Native.Rings;
using System.Buffers.Binary;
using Capture.Native.Batches;
using Capture.Native.Kmod;
using Capture.Native.Polling;
using static Capture.Native.Specs.Polling.SimulatedPolling;

namespace Capture.Native.Specs.Kmod;

/// <summary>The shared polling thread over module rings: the same poller, through <see cref="IRingConsumer"/>.</summary>
public sealed class KmodRingPollingSpecs
{
    [Fact]
    public void Poller_must_deliver_module_ring_events_across_a_PAD_in_order_stamped_with_the_rings_cpu()
    {
        var ring = new SimulatedKmodRing(256);
        ring.StartAt(256 - 40); // the second frame (8 + 40 bytes) does not fit before the end
        Assert.True(ring.Write(Generic(1000, 1)));
        Assert.True(ring.Write(Generic(1001, 2)));
        Assert.Equal(1, ring.PadsWritten);

        using var poller = new RingPoller([new KmodRingConsumer(ring.Memory)], new EventBatchPool(4096, 64),
            new PollerOptions { MaxBatchAge = TimeSpan.Zero }, () => Clock, _ => 3);
        poller.Start();
        WaitUntil(() => poller.Statistics[0].EventsDelivered == 2, "2 delivered");
        poller.Dispose();

        var ids = new List<ushort>();
        while (poller.Handoffs[0].TryTake(out var batch))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                ids.Add(BinaryPrimitives.ReadUInt16LittleEndian(batch.Frame(i)[32..]));
                Assert.Equal(3, batch.Slot(i).Cpu);
            }
            batch.Release();
        }
        Assert.Equal([1, 2], ids);
        Assert.Equal(ring.Producer, ring.Consumer);
    }

    [Fact]
    public void Poller_must_report_a_module_ring_with_a_corrupt_record_unreadable_after_delivering_what_came_before()
    {
        var ring = new SimulatedKmodRing(1024);
        ring.Write(Generic(1000, 1));
        ring.WriteRaw(5000, 0, 16);

        using var poller = new RingPoller([new KmodRingConsumer(ring.Memory)], new EventBatchPool(4096, 64),
            new PollerOptions { MaxBatchAge = TimeSpan.Zero }, () => Clock, _ => 1);
        poller.Start();
        WaitUntil(() => poller.Statistics[0].Unreadable, "the ring reported unreadable");
        poller.Dispose();

        var fault = poller.Statistics[0].UnreadableFault!;
        Assert.Equal(1, fault.Cpu);
        Assert.Equal(ring.Consumer, fault.Position);
        Assert.Equal(1, poller.Statistics[0].EventsDelivered);
        Assert.True(poller.Handoffs[0].TryTake(out var batch));
        Assert.Equal(1, batch.Count);
        batch.Release();
    }
}
