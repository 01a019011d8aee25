using Capture.Native.Rings;

namespace Capture.Native.Specs.Rings;

/// <summary>What the ring consumer specs write into a ring and read back out of it, whatever the ring's format.</summary>
static class RingRecords
{
    /// <summary>A record body of <paramref name="length"/> bytes counting up from <paramref name="seed"/>, so each is told apart.</summary>
    public static byte[] Payload(int length, byte seed) => Enumerable.Range(0, length).Select(i => (byte)(seed + i)).ToArray();

    /// <summary>Every record the consumer can read now, copied, then the space handed back.</summary>
    public static List<byte[]> DrainAll(IRingConsumer consumer)
    {
        var records = new List<byte[]>();
        while (consumer.TryPeek(out var record) == RingPeek.Record)
        {
            records.Add(record.ToArray());
            consumer.Advance();
        }
        consumer.Publish();
        return records;
    }
}
