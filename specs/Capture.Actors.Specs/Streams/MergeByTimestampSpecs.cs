using Capture.Actors.Specs.Simulation;
using System.Collections.Concurrent;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Protocol;
using Capture.Actors.Streams;
using Capture.Native.Batches;
using Capture.Actors.Accounting;

namespace Capture.Actors.Specs.Streams;

/// <summary>The merge stage alone, fed signal by signal.</summary>
public sealed class MergeByTimestampSpecs : SpecKit
{
    readonly SignalFeed _handOff = new();
    readonly EventBatchPool _pool = new(64 * 1024, 512);
    readonly PipelineStats _stats = new();
    readonly ConcurrentQueue<object> _out = new(); // ulong timestamps and CaptureGap markers
    readonly ConcurrentQueue<int> _batchSizes = new();
    Task? _done;

    void Start(MergeSettings? settings = null)
    {
        _done = _handOff.Source
            .Via(new MergeByTimestamp(_pool, settings ?? new MergeSettings(), _stats))
            .RunForeach(element =>
            {
                switch (element)
                {
                    case BatchElement b:
                        _batchSizes.Enqueue(b.Batch.Count);
                        for (var i = 0; i < b.Batch.Count; i++) _out.Enqueue(b.Batch.Slot(i).Timestamp);
                        b.Batch.Release();
                        break;
                    case GapElement g:
                        _out.Enqueue(g.Gap);
                        break;
                }
            }, Sys.Materializer());
    }

    EventBatch Batch(int ring, params ulong[] timestamps)
    {
        var batch = _pool.Rent();
        batch.Ring = ring;
        Span<byte> frame = stackalloc byte[SyscallFrames.MaxFrameBytes];
        foreach (var ts in timestamps)
        {
            var length = SyscallFrames.Write(frame, ts, 1000, (uint)ts);
            Assert.True(batch.TryAppend(frame[..length], (ushort)ring));
        }
        return batch;
    }

    async Task Finish()
    {
        _handOff.Complete();
        await _done!.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(_stats.Merge.Snapshot().Balances, _stats.Merge.Snapshot().ToString());
        Assert.Equal(0, _pool.Outstanding);
    }

    [Fact]
    public async Task Merge_must_hold_events_until_every_live_ring_has_passed_them()
    {
        Start();
        _handOff.Write(new RingJoined(0, 0));
        _handOff.Write(new RingJoined(1, 0));
        _handOff.Write(new RingBatch(0, Batch(0, 10, 20, 30), 30, DropDelta.None));
        _handOff.Write(new RingWatermark(1, 15, DropDelta.None));

        await EventuallyAsync(() => _out.Contains(10UL));
        Assert.Equal<object>([10UL], _out); // 20 and 30 wait for ring 1

        _handOff.Write(new RingBatch(1, Batch(1, 16, 25), 40, DropDelta.None));
        await EventuallyAsync(() => _out.Count == 5);
        await Finish();
        Assert.Equal<object>([10UL, 16UL, 20UL, 25UL, 30UL], _out);
    }

    [Fact]
    public async Task Merge_must_sort_inside_a_batch_and_count_an_event_behind_its_rings_watermark_as_late()
    {
        Start();
        _handOff.Write(new RingJoined(0, 0));
        _handOff.Write(new RingBatch(0, Batch(0, 200, 100, 150), 150, DropDelta.None));
        _handOff.Write(new RingBatch(0, Batch(0, 120, 300), 400, DropDelta.None)); // 120 is behind the promised 150

        await Finish();

        Assert.Equal<object>([100UL, 150UL, 200UL, 300UL], _out);
        Assert.Equal(1, _stats.Merge.Dropped(DropReason.Late));
    }

    [Fact]
    public async Task Merge_must_place_a_gap_after_everything_before_it_and_before_the_rings_that_join_after()
    {
        Start();
        _handOff.Write(new RingJoined(0, 0));
        _handOff.Write(new RingJoined(1, 0));
        _handOff.Write(new RingBatch(0, Batch(0, 10, 20), 20, DropDelta.None));
        _handOff.Write(new RingLeft(0, new DropDelta(0, 0, 5)));
        _handOff.Write(new RingLeft(1, new DropDelta(0, 0, 2)));
        _handOff.Write(new GapSignal("reload requested"));
        _handOff.Write(new RingJoined(0, 50));
        _handOff.Write(new RingBatch(0, Batch(0, 60, 70), 80, DropDelta.None));

        await Finish();

        Assert.Equal<object>([10UL, 20UL, new CaptureGap(20, 50, 7, "reload requested"), 60UL, 70UL], _out);
        Assert.Equal(new DropDelta(0, 0, 7), _stats.RingLosses);
        Assert.Single(_stats.Gaps);
    }

    [Fact]
    public async Task Merge_must_emit_whole_batches_rather_than_one_event_at_a_time()
    {
        Start();
        _handOff.Write(new RingJoined(0, 0));
        _handOff.Write(new RingJoined(1, 0));
        for (ulong t = 0; t < 10; t++)
        {
            _handOff.Write(new RingBatch(0, Batch(0, [.. Enumerable.Range(0, 50).Select(i => t * 1000 + (ulong)i * 2)]), t * 1000 + 999, DropDelta.None));
            _handOff.Write(new RingBatch(1, Batch(1, [.. Enumerable.Range(0, 50).Select(i => t * 1000 + (ulong)i * 2 + 1)]), t * 1000 + 999, DropDelta.None));
        }

        await Finish();

        var timestamps = _out.Cast<ulong>().ToList();
        Assert.Equal(1000, timestamps.Count);
        Assert.Equal(timestamps.Order(), timestamps);
        Assert.True(_batchSizes.Count <= 20, $"{_batchSizes.Count} output batches for 20 input batches");
    }

    [Fact]
    public async Task Merge_must_stop_waiting_for_a_ring_that_stalls_and_count_what_it_sends_too_late()
    {
        Start(new MergeSettings { StallTimeout = TimeSpan.FromMilliseconds(50), MaxRingLagNs = 100 });
        _handOff.Write(new RingJoined(0, 0));
        _handOff.Write(new RingJoined(1, 0)); // ring 1 says nothing more for now
        _handOff.Write(new RingBatch(0, Batch(0, 10, 500, 1000), 2000, DropDelta.None));

        await EventuallyAsync(() => _out.Count == 3); // released without ring 1, once it was seen stalled
        Assert.Equal(1, _stats.LaggingEpisodes);

        _handOff.Write(new RingBatch(1, Batch(1, 20, 3000), 4000, DropDelta.None)); // 20 comes too late
        _handOff.Write(new RingBatch(0, Batch(0, 3500), 5000, DropDelta.None));
        await Finish();

        Assert.Equal<object>([10UL, 500UL, 1000UL, 3000UL, 3500UL], _out);
        Assert.Equal(1, _stats.Merge.Dropped(DropReason.Late));
    }

    [Fact]
    public async Task Merge_must_release_early_rather_than_hold_more_than_its_limit()
    {
        Start(new MergeSettings { MaxPendingEvents = 10, StallTimeout = TimeSpan.FromHours(1) });
        _handOff.Write(new RingJoined(0, 0));
        _handOff.Write(new RingJoined(1, 0)); // never moves: only the limit can release ring 0's events
        for (ulong b = 0; b < 4; b++)
            _handOff.Write(new RingBatch(0, Batch(0, [.. Enumerable.Range(0, 5).Select(i => b * 100 + (ulong)i)]), b * 100 + 99, DropDelta.None));

        await EventuallyAsync(() => _out.Count >= 10);
        Assert.True(_stats.ForcedReleases > 0);
        await Finish();
        Assert.Equal(_out.Cast<ulong>().Order(), _out.Cast<ulong>());
        Assert.Equal(20, _out.Count);
    }
}
