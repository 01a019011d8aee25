using Capture.Native.Files;
using Capture.Native.Schema;
using static Capture.Native.Specs.Frames;

namespace Capture.Native.Specs.Files;

/// <summary>The writer on a disk that fills: the file is cut back to whole blocks and every accepted event is accounted for.</summary>
public class ScapFileWriterFailureSpecs
{
    const ulong Start = 1_700_000_000_000_000_000;

    /// <summary>A file on a disk with room for <paramref name="room"/> bytes: a write that does not fit lands what fits, then fails as write(2) does.</summary>
    sealed class FullDiskStream(int room) : MemoryStream
    {
        const int NoSpace = 28;

        public override void Write(byte[] buffer, int offset, int count)
        {
            var fits = (int)Math.Clamp(room - Length, 0, count);
            base.Write(buffer, offset, fits);
            if (fits < count) throw new IOException("No space left on device", NoSpace);
        }

        // A derived MemoryStream sends span writes through Stream's, which copies them into Write above.
        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_full_disk_leaves_whole_blocks_and_every_accepted_event_counted_in_the_file_or_lost(bool gzip)
    {
        var disk = new FullDiskStream(room: 50_000);
        var writer = new ScapFileWriter(disk, new ScapWriteOptions { FlushBytes = 4096, Compress = gzip });
        long accepted = 0;

        var failure = Assert.Throws<ScapFileWriteException>(() =>
        {
            for (var i = 0; i < 1_000_000; i++)
                if (writer.WriteEvent(Build(Start + (ulong)i, 4242, EventIds.PPME_SYSCALL_OPEN_X, I64(i), Str($"/tmp/file-{i * 7919 % 100_003}"), U32(1), U32(0), U32(0), I64(0)), 0))
                    accepted++;
        });

        var bytes = disk.ToArray();
        Assert.Equal($"disk full after {bytes.Length} bytes", failure.Message);
        Assert.Equal(bytes.Length, failure.BytesInFile);
        Assert.True(failure.EventsInFile > 0 && failure.EventsLost > 0, $"{failure.EventsInFile} in the file, {failure.EventsLost} lost");
        Assert.Equal(accepted, failure.EventsInFile + failure.EventsLost);
        using var scratch = new Scratch();
        var path = scratch.File("full.scap");
        File.WriteAllBytes(path, bytes);
        using (var reader = ScapFileReader.Open(path))
        {
            while (reader.TryReadNext(out _, out _)) { }
            Assert.Equal((failure.EventsInFile, 0L), (reader.EventsRead, reader.Errors));
        }
        // Closed already: closing again is harmless, writing again says why it cannot.
        writer.Dispose();
        Assert.Same(failure, Assert.Throws<ScapFileWriteException>(() => writer.WriteEvent(Build(Start, 4242, EventIds.PPME_SYSCALL_READ_E, I64(3), U32(16)), 0)));
    }
}
