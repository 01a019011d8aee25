using System.Buffers.Binary;
using Capture.Native.Abi;
using Capture.Native.Batches;
using Capture.Native.Polling;
using Capture.Native.Rings;
using Capture.Native.Specs.Rings;
using static Capture.Native.Specs.Polling.SimulatedPolling;

namespace Capture.Native.Specs.Polling;

/// <summary>
/// The polling thread over simulated rings: what it delivers, what it skips, when it stops
/// draining and how its watermark moves. Conditions are awaited with a generous deadline;
/// nothing here asserts on time.
/// </summary>
public sealed class RingPollerSpecs
{
    [Fact]
    public void Poller_must_count_and_skip_a_corrupt_frame_and_deliver_the_rest_in_order()
    {
        var ring = new SimulatedRing(4096);
        ring.Write(Generic(1000, 1));
        ring.Write(Generic(1001, 2));
        var corrupt = Generic(1002, 3);
        BinaryPrimitives.WriteUInt32LittleEndian(corrupt.AsSpan(16), 4000); // len past the record
        ring.Write(corrupt);
        ring.Write(Generic(1003, 4));

        using var poller = Poller(ring, new PollerOptions { MaxBatchAge = TimeSpan.Zero });
        poller.Start();
        WaitUntil(() => poller.Statistics[0].EventsDelivered == 3 && poller.Statistics[0].CorruptFrames == 1, "3 delivered and 1 corrupt");
        poller.Dispose();

        Assert.Equal([1, 2, 4], TakeAll(poller.Handoffs[0]));
        Assert.Equal(ring.Producer, ring.Consumer);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Poller_must_leave_records_in_the_ring_while_the_handoff_is_full(int eventsPerBatch)
    {
        var ring = new SimulatedRing(4096);
        for (ushort i = 0; i < 5; i++) ring.Write(Generic(1000UL + i, i));
        // one batch fits in the hand-off: whatever the held batch cannot take must wait in the ring
        using var poller = Poller(ring, new PollerOptions { HandoffCapacity = 1, MaxBatchAge = TimeSpan.Zero }, new EventBatchPool(4096, eventsPerBatch));
        poller.Start();
        WaitUntil(() => poller.Statistics[0].BackpressureStalls > 0, "a stall on the full hand-off");

        Assert.Equal(1, poller.Handoffs[0].Count);
        Assert.True(ring.Consumer < ring.Producer, "records must stay in the ring until there is room");

        var taken = new List<ushort>();
        WaitUntil(() =>
        {
            taken.AddRange(TakeAll(poller.Handoffs[0]));
            return taken.Count == 5;
        }, "all 5 events once the consumer takes batches");
        Assert.Equal([0, 1, 2, 3, 4], taken);
    }

    [Fact]
    public void A_ring_with_an_impossible_record_header_must_be_reported_unreadable_after_what_came_before()
    {
        var ring = new SimulatedRing(4096);
        ring.Write(Generic(1000, 1));
        ring.WriteRawHeader(100_000); // longer than the ring
        using var poller = Poller(ring, new PollerOptions { MaxBatchAge = TimeSpan.Zero });
        poller.Start();
        WaitUntil(() => poller.Statistics[0].Unreadable, "the ring reported unreadable");
        poller.Dispose();

        Assert.Equal([1], TakeAll(poller.Handoffs[0]));
    }

    [Fact]
    public void An_unreadable_ring_must_say_which_ring_and_where_and_wake_its_reader()
    {
        var ring = new SimulatedRing(4096);
        ring.Write(Generic(1000, 1));
        var bad = ring.Producer;
        ring.WriteRawHeader(100_000);
        using var poller = Poller(ring, new PollerOptions { MaxBatchAge = TimeSpan.FromDays(1) });
        var woken = 0;
        poller.Handoffs[0].Available += _ => Interlocked.Increment(ref woken);
        poller.Start();
        // The fault is marked before the reader is woken (so a woken reader always finds it):
        // both are waited for.
        WaitUntil(() => poller.Statistics[0].Unreadable && Volatile.Read(ref woken) > 0, "the ring reported unreadable and its reader woken to find the fault");

        var fault = poller.Statistics[0].UnreadableFault!;
        Assert.Equal(0, fault.Ring);
        Assert.Equal(bad, fault.Position);
        // The event before the bad header is handed over at once, not held for its batch to age.
        Assert.Equal(1, poller.Handoffs[0].Count);
        Assert.Null(poller.Fault); // the thread goes on serving the other rings
    }

    [Fact]
    public void A_consumer_that_throws_must_end_the_thread_with_a_fault_that_names_the_ring_and_the_cause()
    {
        var ring = new SimulatedRing(4096);
        ring.Write(Generic(1000, 1));
        using var poller = Poller(ring, new PollerOptions { MaxBatchAge = TimeSpan.Zero });
        poller.Handoffs[0].Available += _ => throw new InvalidOperationException("reader gone");
        poller.Start();
        WaitUntil(() => poller.Fault is not null, "the poller's fault");
        poller.Dispose(); // must return: the thread has ended

        var fault = poller.Fault!;
        Assert.Equal(0, fault.Ring);
        Assert.IsType<InvalidOperationException>(fault.InnerException);
        Assert.Contains("reader gone", fault.Message);
        // The batch was handed over before its subscriber threw; the ring can be given up now
        // that the thread no longer touches it, and nothing was left in it.
        Assert.Equal(1, poller.Handoffs[0].Count);
        Assert.Equal(0L, poller.Discard(0));
    }

    [Fact]
    public void An_idle_ring_watermark_must_follow_the_clock_minus_the_in_flight_allowance()
    {
        var ring = new SimulatedRing(4096);
        var allowance = TimeSpan.FromMilliseconds(1);
        using var poller = Poller(ring, new PollerOptions { InFlightAllowance = allowance });
        poller.Start();
        WaitUntil(() => poller.Handoffs[0].Watermark > 0, "a watermark on an idle ring");
        Assert.Equal(Clock - (ulong)allowance.Ticks * 100, poller.Handoffs[0].Watermark);
    }

    [Fact]
    public void A_held_batch_must_keep_the_watermark_below_its_first_event()
    {
        var ring = new SimulatedRing(4096);
        ring.Write(Generic(Clock - 10_000_000, 1)); // 10 ms before the clock, far before the allowance
        using var poller = Poller(ring, new PollerOptions { MaxBatchAge = TimeSpan.FromDays(1) });
        poller.Start();
        WaitUntil(() => poller.Statistics[0].EventsDelivered == 1 && poller.Handoffs[0].Watermark > 0, "the event read and a watermark");

        Assert.Equal(0, poller.Handoffs[0].Count); // still held: neither full nor aged
        Assert.Equal(Clock - 10_000_000 - 1, poller.Handoffs[0].Watermark);
    }
}
