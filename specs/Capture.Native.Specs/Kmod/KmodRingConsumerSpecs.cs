using Capture.Native.Kmod;
using Capture.Native.Rings;
using static Capture.Native.Specs.Rings.RingRecords;

namespace Capture.Native.Specs.Kmod;

/// <summary>The module ring's consumer over a byte array: order, PAD, wrap, and records it must refuse.</summary>
public sealed class KmodRingConsumerSpecs
{
    [Fact]
    public void Consumer_must_return_event_records_in_order_with_their_exact_bytes()
    {
        var ring = new SimulatedKmodRing(4096);
        ring.Write(Payload(26, 1));
        ring.Write(Payload(31, 2));
        ring.Write(Payload(1, 3));

        Assert.Equal([Payload(26, 1), Payload(31, 2), Payload(1, 3)], DrainAll(new KmodRingConsumer(ring.Memory)));
        Assert.Equal(ring.Producer, ring.Consumer);
    }

    [Fact]
    public void A_PAD_record_at_the_end_must_be_skipped_and_reading_go_on_at_offset_zero()
    {
        var ring = new SimulatedKmodRing(256);
        ring.StartAt(256 * 3 + 200); // 56 bytes before the end of the fourth lap
        var payload = Payload(100, 7);
        Assert.True(ring.Write(payload));
        Assert.Equal(1, ring.PadsWritten);

        var consumer = new KmodRingConsumer(ring.Memory);
        Assert.Equal(RingPeek.Record, consumer.TryPeek(out var record));
        Assert.Equal(payload, record.ToArray());
        consumer.Advance();
        consumer.Publish();
        Assert.Equal(256UL * 4 + 8 + 104, ring.Consumer); // past the PAD (56) and the record (8 + 104)
        Assert.Equal(RingPeek.Empty, consumer.TryPeek(out _));
    }

    [Fact]
    public void Records_written_and_read_over_many_laps_must_come_back_whole_and_in_order()
    {
        var ring = new SimulatedKmodRing(1024);
        var consumer = new KmodRingConsumer(ring.Memory);
        var random = new Random(12);
        var written = new Queue<byte[]>();
        var read = 0;
        for (var round = 0; round < 5000; round++)
        {
            var payload = Payload(random.Next(0, 200), (byte)round);
            var full = !ring.Write(payload);
            if (!full) written.Enqueue(payload);
            if (full || random.Next(3) == 0)
                foreach (var record in DrainAll(consumer))
                {
                    Assert.Equal(written.Dequeue(), record);
                    read++;
                }
        }
        Assert.True(ring.PadsWritten > 100, $"only {ring.PadsWritten} PAD records: the ring did not wrap often");
        Assert.True(read > 3000, $"only {read} records read");
    }

    [Fact]
    public void Consumer_must_not_pass_the_producer()
    {
        var ring = new SimulatedKmodRing(1024);
        ring.Write(Payload(10, 1));
        var consumer = new KmodRingConsumer(ring.Memory);
        Assert.Single(DrainAll(consumer));
        Assert.Equal(RingPeek.Empty, consumer.TryPeek(out _));
        ring.Write(Payload(12, 2));
        Assert.Equal([Payload(12, 2)], DrainAll(consumer));
    }

    [Theory]
    [InlineData(4000u, 0u, 16ul, "a length past the producer")]
    [InlineData(8u, 7u, 16ul, "an unknown record kind")]
    [InlineData(8u, 1u, 16ul, "a PAD that does not end the data area")]
    [InlineData(uint.MaxValue, 0u, 16ul, "a length larger than the ring")]
    public void A_record_no_module_writes_must_make_the_ring_unreadable_not_crash(uint length, uint kind, ulong advance, string what)
    {
        var ring = new SimulatedKmodRing(1024);
        ring.Write(Payload(10, 1));
        ring.WriteRaw(length, kind, advance);
        var consumer = new KmodRingConsumer(ring.Memory);

        Assert.Equal(RingPeek.Record, consumer.TryPeek(out _));
        consumer.Advance();
        Assert.True(RingPeek.Corrupt == consumer.TryPeek(out var record), $"{what} was read");
        Assert.True(record.IsEmpty);
        Assert.Equal(RingPeek.Corrupt, consumer.TryPeek(out _)); // stays unreadable, never moves on
    }

    [Fact]
    public void A_producer_more_than_a_ring_ahead_must_make_the_ring_unreadable_before_any_record_is_trusted()
    {
        var ring = new SimulatedKmodRing(1024);
        ring.Write(Payload(10, 1));
        ring.Producer += 1024; // claims more unread bytes than the ring holds
        Assert.Equal(RingPeek.Corrupt, new KmodRingConsumer(ring.Memory).TryPeek(out _));
    }

    [Fact]
    public void A_producer_position_behind_ours_must_make_the_ring_unreadable()
    {
        var ring = new SimulatedKmodRing(1024);
        ring.StartAt(512);
        var consumer = new KmodRingConsumer(ring.Memory);
        ring.Producer = 256;
        Assert.Equal(RingPeek.Corrupt, consumer.TryPeek(out _));
    }

    [Fact]
    public void A_ring_whose_size_is_no_power_of_two_must_be_refused_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => new KmodRingConsumer(new SimulatedKmodRing(1000).Memory));
        Assert.Contains("1000", e.Message);
    }
}
