using Capture.Native.Rings;
using CsCheck;
using static Capture.Native.Specs.Rings.RingRecords;

namespace Capture.Native.Specs.Rings;

public sealed class BpfRingConsumerSpecs
{
    [Fact]
    public void Consumer_must_return_committed_records_in_order_with_their_exact_bytes()
    {
        var ring = new SimulatedRing(4096);
        ring.Write(Payload(26, 1));
        ring.Write(Payload(31, 2));
        ring.Write(Payload(1, 3));

        var records = DrainAll(new BpfRingConsumer(ring.Memory));

        Assert.Equal([Payload(26, 1), Payload(31, 2), Payload(1, 3)], records);
    }

    [Fact]
    public void A_record_straddling_the_end_of_the_ring_must_read_as_one_contiguous_span()
    {
        var ring = new SimulatedRing(256);
        ring.StartAt(256 * 3 + 224); // 32 bytes before the end of the fourth lap
        var payload = Payload(100, 7);
        ring.Write(payload);

        var consumer = new BpfRingConsumer(ring.Memory);
        Assert.Equal(RingPeek.Record, consumer.TryPeek(out var record));
        Assert.Equal(payload, record.ToArray());
        consumer.Advance();
        consumer.Publish();
        Assert.Equal(ring.Producer, ring.Consumer);
    }

    [Fact]
    public void Discarded_records_must_be_skipped()
    {
        var ring = new SimulatedRing(1024);
        ring.Write(Payload(40, 1), discard: true);
        ring.Write(Payload(40, 2));
        ring.Write(Payload(40, 3), discard: true);

        var consumer = new BpfRingConsumer(ring.Memory);
        Assert.Equal([Payload(40, 2)], DrainAll(consumer));
        Assert.Equal(ring.Producer, ring.Consumer);
    }

    [Fact]
    public void A_busy_record_must_stop_the_reader_until_it_is_committed()
    {
        var ring = new SimulatedRing(1024);
        ring.Write(Payload(10, 1));
        var busy = ring.Write(Payload(20, 2), busy: true);
        ring.Write(Payload(30, 3));
        var consumer = new BpfRingConsumer(ring.Memory);

        Assert.Equal([Payload(10, 1)], DrainAll(consumer));
        Assert.Equal(RingPeek.Busy, consumer.TryPeek(out _));
        Assert.Equal(busy, ring.Consumer);

        ring.Commit(busy);
        Assert.Equal([Payload(20, 2), Payload(30, 3)], DrainAll(consumer));
    }

    [Fact]
    public void Space_must_return_to_the_producer_only_when_published()
    {
        var ring = new SimulatedRing(1024);
        ring.Write(Payload(50, 1));
        var consumer = new BpfRingConsumer(ring.Memory);

        Assert.Equal(RingPeek.Record, consumer.TryPeek(out _));
        Assert.Equal(RingPeek.Record, consumer.TryPeek(out _)); // peeking again does not move
        consumer.Advance();
        Assert.Equal(0UL, ring.Consumer);
        consumer.Publish();
        Assert.Equal(ring.Producer, ring.Consumer);
        Assert.Equal(RingPeek.Empty, consumer.TryPeek(out _));
    }

    [Fact]
    public void A_header_longer_than_the_ring_must_be_reported_corrupt()
    {
        var ring = new SimulatedRing(256);
        ring.WriteRawHeader(1000);
        ring.Producer += 1000;
        Assert.Equal(RingPeek.Corrupt, new BpfRingConsumer(ring.Memory).TryPeek(out _));
    }

    [Fact]
    public void Records_of_any_sizes_must_survive_many_laps_of_the_ring()
    {
        Gen.Int[0, 200].Array[1, 60].Sample(sizes =>
        {
            var ring = new SimulatedRing(512);
            var consumer = new BpfRingConsumer(ring.Memory);
            var expected = new List<byte[]>();
            var seen = new List<byte[]>();
            for (var lap = 0; lap < 5; lap++)
                for (var i = 0; i < sizes.Length; i++)
                {
                    var payload = Payload(sizes[i], (byte)(lap * 31 + i));
                    if (ring.Producer - ring.Consumer + RingRecord.TotalSize((uint)payload.Length) > 512)
                        seen.AddRange(DrainAll(consumer)); // the producer would find the ring full
                    ring.Write(payload);
                    expected.Add(payload);
                }
            seen.AddRange(DrainAll(consumer));
            Assert.Equal(expected, seen);
        }, iter: 40);
    }
}
