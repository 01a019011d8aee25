using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Capture.Actors.Accounting;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Plugins;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Native.Batches;
using Capture.Plugins;
using Capture.Plugins.Samples.Filter;

namespace Capture.Actors.Specs.Plugins;

/// <summary>How the host runs one stage: what goes on, what it costs, and what a plugin cannot do.</summary>
public sealed class StageAdapterSpecs
{
    readonly EventBatchPool _pool = new(64 * 1024, 512);
    readonly PipelineStats _stats = new();
    readonly WatchedCall<PluginStage> _call = new();
    readonly List<PluginFailure> _failures = [];

    PluginStage Stage(IBatchStage stage, PluginFailurePolicy policy = PluginFailurePolicy.FailOpen) =>
        new("spec", ExtensionPoint.AfterMerge, stage, policy, _stats.Extension("spec"), _failures.Add);

    StageReport Books => _stats.Extension("spec").Snapshot();

    /// <summary>A batch of <paramref name="events"/> simulated syscalls on thread 7: read, write, open, read, ...</summary>
    EventBatch Batch(int events, ushort cpu = 2)
    {
        var batch = _pool.Rent();
        batch.Ring = cpu;
        var frame = new byte[SyscallFrames.MaxFrameBytes];
        for (uint i = 0; i < events; i++) batch.TryAppend(frame.AsSpan(0, SyscallFrames.Write(frame, 100 + i, 7, i)), cpu);
        return batch;
    }

    [Fact]
    public void A_filter_stage_must_pass_on_a_view_of_the_input_frames_without_copying_them_and_its_counts_must_balance()
    {
        var input = Batch(9);
        input.Retain(); // the spec's own, to compare with after the stage let go of its reference

        var output = Stage(KeepFilter.From(EventCatalog.Instance, ["open"], [])).Apply(input, _pool, _call);

        Assert.NotNull(output);
        Assert.NotSame(input, output);
        Assert.Equal(0, output!.BlockCapacity); // a view: no block of its own to copy into
        Assert.Equal(input.Ring, output.Ring);
        Assert.Equal([2, 5, 8], Enumerable.Range(0, output.Count).Select(i => (int)(output.Slot(i).Timestamp - 100)));
        for (var i = 0; i < output.Count; i++)
        {
            Assert.Equal(1, output.Slot(i).Copies);
            Assert.True(SameBytes(output.Frame(i), input.Frame(3 * i + 2)), $"kept event {i} is not the input's frame where it lies");
        }
        var books = Books;
        Assert.True(books.Balances, books.ToString());
        Assert.Equal((9L, 3L, 6L), (books.In, books.Out, books.DroppedFor(DropReason.Filtered)));

        input.Release();
        Assert.Equal(2, _pool.Outstanding); // the view keeps its input
        output.Release();
        Assert.Equal(0, _pool.Outstanding);
    }

    sealed class DropEverything : IBatchStage
    {
        public void Process(EventBatchView batch, EventSelection keep) => keep.DropAll();
    }

    [Fact]
    public void A_stage_that_drops_every_event_must_pass_on_an_empty_view_that_carries_the_batch_for_state_only()
    {
        var input = Batch(5);
        var none = Stage(new DropEverything()).Apply(input, _pool, _call);

        Assert.NotNull(none);
        Assert.True(none.IsEmpty);
        Assert.Same(input, none.Unfiltered); // sinks that keep process and fd state still follow all five
        none.Release();
        Assert.Equal(0, _pool.Outstanding);
        Assert.Equal((5L, 0L, 5L), (Books.In, Books.Out, Books.DroppedFor(DropReason.Filtered)));
    }

    sealed class DropTwice : IBatchStage
    {
        public int KeptSeen;

        public void Process(EventBatchView batch, EventSelection keep)
        {
            keep.Drop(0);
            keep.Drop(0);
            keep.Drop(64);
            KeptSeen = keep.Kept;
        }
    }

    [Fact]
    public void Dropping_an_event_twice_must_count_it_once_and_dropping_all_must_cover_every_word_of_a_large_batch()
    {
        var twice = new DropTwice();
        var output = Stage(twice).Apply(Batch(70), _pool, _call);

        Assert.Equal(68, twice.KeptSeen);
        Assert.Equal(68, output!.Count);
        Assert.Equal(101UL, output.Slot(0).Timestamp);
        Assert.Equal(165UL, output.Slot(63).Timestamp); // 164, the 65th, was dropped
        output.Release();
        var none = Stage(new DropEverything()).Apply(Batch(130), _pool, _call);
        Assert.True(none is { IsEmpty: true, Unfiltered.Count: 130 });
        none!.Release();
        Assert.Equal((200L, 68L, 132L), (Books.In, Books.Out, Books.DroppedFor(DropReason.Filtered)));
        Assert.Equal(0, _pool.Outstanding);
    }

    [Fact]
    public void What_a_stage_dropped_before_it_threw_must_be_disregarded_and_the_batch_go_on_whole_when_failing_open()
    {
        var input = Batch(6);

        var output = Stage(new ThrowingStage(throwOn: 1)).Apply(input, _pool, _call);

        Assert.Same(input, output);
        Assert.Equal(6, output!.Count);
        Assert.Equal("bypassed", Assert.Single(_failures).Outcome);
        Assert.Equal((6L, 6L), (Books.In, Books.Out));
        output.Release();
        Assert.Equal(0, _pool.Outstanding);
    }

    /// <summary>Keeps what it was lent past the call, as a plugin must not.</summary>
    sealed class Hoarder : IBatchStage
    {
        public EventBatchView Batch;
        public EventSelection? Keep;

        public void Process(EventBatchView batch, EventSelection keep) => (Batch, Keep) = (batch, keep);
    }

    [Fact]
    public void A_view_or_a_selection_used_after_the_call_must_throw_rather_than_read_a_recycled_batch()
    {
        var hoarder = new Hoarder();
        var stage = Stage(hoarder);
        stage.Apply(Batch(4), _pool, _call)!.Release();
        var recycled = Batch(4); // very likely the same pooled batch, refilled
        var stale = hoarder.Batch;

        var error = Assert.Throws<ObjectDisposedException>(() => stale.Count);
        Assert.Contains("after the call it was lent for returned", error.Message);
        Assert.Throws<ObjectDisposedException>(() => stale[0].Timestamp);
        Assert.Throws<ObjectDisposedException>(() => stale.Keep());
        Assert.Throws<InvalidOperationException>(() => hoarder.Keep!.Drop(0));
        // The stage's loan is reused for the next call: the old view stays void all the same.
        stage.Apply(recycled, _pool, _call)!.Release();
        Assert.Throws<ObjectDisposedException>(() => stale.Count);
        Assert.Equal((8L, 8L), (Books.In, Books.Out));
        Assert.Equal(0, _pool.Outstanding);
    }

    static bool SameBytes(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        a.Length == b.Length && Unsafe.AreSame(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b));
}
