using Capture.Native.Batches;
using Capture.Native.Files;

namespace Capture.Native.Specs.Files;

public class ReadIntoBatchSpecs
{
    [Theory]
    [InlineData("libs-sample-2023.scap")]
    [InlineData("libs-curl_google.scap")]
    public void Small_batches_receive_every_event_once_in_file_order(string fixture)
    {
        var expected = new List<(ulong, ushort, byte[])>();
        using (var reader = ScapFileReader.Open(RepoPaths.Fixture(fixture)))
            while (reader.TryReadNext(out var ev, out var cpu)) expected.Add((ev.Timestamp, cpu, ev.Frame.ToArray()));

        var actual = new List<(ulong, ushort, byte[])>();
        using (var reader = ScapFileReader.Open(RepoPaths.Fixture(fixture)))
        {
            var batch = EventBatch.Unpooled(blockBytes: 4096, maxEvents: 16);
            int taken;
            while ((taken = reader.ReadInto(batch)) > 0)
            {
                Assert.Equal(taken, batch.Count);
                for (var i = 0; i < batch.Count; i++)
                    actual.Add((batch.View(i).Timestamp, batch.Slot(i).Cpu, batch.Frame(i).ToArray()));
                batch.Release();
            }
            Assert.Equal(expected.Count, reader.EventsRead);
        }

        Assert.Equal(expected.Count, actual.Count);
        Assert.All(expected.Zip(actual), pair =>
        {
            Assert.Equal((pair.First.Item1, pair.First.Item2), (pair.Second.Item1, pair.Second.Item2));
            Assert.Equal(pair.First.Item3, pair.Second.Item3);
        });
    }

    [Fact]
    public void Event_larger_than_an_empty_batch_is_refused_with_its_size()
    {
        using var reader = ScapFileReader.Open(RepoPaths.Fixture("libs-sample-2023.scap"));
        var error = Assert.Throws<ArgumentException>(() => reader.ReadInto(EventBatch.Unpooled(blockBytes: 30, maxEvents: 4)));
        Assert.Contains("does not fit an empty batch of 30 bytes", error.Message);
    }
}
