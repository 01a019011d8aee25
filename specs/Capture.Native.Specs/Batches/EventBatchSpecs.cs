using Capture.Native.Batches;
using Capture.Native.Schema;
using static Capture.Native.Specs.Frames;

namespace Capture.Native.Specs.Batches;

public sealed class EventBatchSpecs
{
    static byte[] Close(ulong ts) => Build(ts, 7, EventIds.PPME_SYSCALL_CLOSE_X, I64(0), I64(3));

    [Fact]
    public void A_batch_indexes_frames_and_tracks_its_lowest_and_highest_timestamp()
    {
        var pool = new EventBatchPool(blockBytes: 4096, maxEventsPerBatch: 16);
        var batch = pool.Rent();
        Assert.True(batch.TryAppend(Close(30), cpu: 1));
        Assert.True(batch.TryAppend(Close(10), cpu: 2));
        Assert.Equal(2, batch.Count);
        Assert.Equal(10UL, batch.MinTimestamp);
        Assert.Equal(30UL, batch.MaxTimestamp);
        Assert.Equal((ushort)2, batch.Slot(1).Cpu);
        Assert.Equal(10UL, batch.View(1).Timestamp);
        batch.Release();
    }

    [Fact]
    public void A_frame_that_is_not_one_whole_event_is_refused_before_it_enters_the_batch()
    {
        var batch = new EventBatchPool(blockBytes: 4096, maxEventsPerBatch: 16).Rent();
        var frame = Close(1);
        // The second parameter's length now runs past the frame's end.
        frame[26 + 2] = 0xff;
        var refused = Assert.Throws<ArgumentException>(() => batch.TryAppend(frame, 0));
        Assert.Contains("not an event frame", refused.Message);
        // A whole event with bytes after it: the frame must be exactly the event.
        var padded = Close(2).Concat(new byte[8]).ToArray();
        Assert.Throws<ArgumentException>(() => batch.TryAppend(padded, 0));
        Assert.Equal(0, batch.Count);
    }

    [Fact]
    public void A_full_batch_refuses_more_frames_instead_of_growing()
    {
        var frame = Close(1);
        var batch = new EventBatchPool(blockBytes: frame.Length * 2, maxEventsPerBatch: 16).Rent();
        Assert.True(batch.TryAppend(frame, 0));
        Assert.True(batch.TryAppend(frame, 0));
        Assert.False(batch.TryAppend(frame, 0));
        Assert.Equal(2, batch.Count);
    }

    [Fact]
    public void The_last_release_returns_a_batch_to_its_pool_and_renting_again_reuses_it()
    {
        var pool = new EventBatchPool(blockBytes: 4096, maxEventsPerBatch: 16);
        var batch = pool.Rent();
        batch.TryAppend(Close(1), 0);
        batch.Retain();
        batch.Release();
        Assert.Equal(1, pool.Outstanding);
        batch.Release();
        Assert.Equal(0, pool.Outstanding);

        var again = pool.Rent();
        Assert.Same(batch, again);
        Assert.True(again.IsEmpty);
        Assert.Equal(1, pool.Created);
    }

    [Fact]
    public void Releasing_more_often_than_retained_is_a_bug_that_is_reported()
    {
        var batch = new EventBatchPool(blockBytes: 4096, maxEventsPerBatch: 16).Rent();
        batch.Release();
        Assert.Throws<InvalidOperationException>(batch.Release);
    }
}
