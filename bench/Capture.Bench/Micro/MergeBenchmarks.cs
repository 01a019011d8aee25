using BenchmarkDotNet.Attributes;
using Capture.Actors.Streams;
using Capture.Native.Batches;

namespace Capture.Bench.Micro;

/// <summary>
/// The merge stage's core: pending runs (one batch per ring, timestamps interleaved across
/// rings) drained through the run heap in timestamp order, as MergeByTimestamp emits them.
/// One operation is one event.
/// </summary>
public class MergeBenchmarks
{
    const int EventsPerRing = 1024;

    EventBatch[] _batches = [];
    PendingRun[] _runs = [];
    readonly RunHeap _heap = new();

    [Params(2, 8)]
    public int Rings { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var frames = MixedFrames.Build(EventsPerRing * Rings, step: 10);
        _batches = new EventBatch[Rings];
        _runs = new PendingRun[Rings];
        for (var ring = 0; ring < Rings; ring++)
        {
            _batches[ring] = EventBatch.Unpooled(blockBytes: 1 << 20, maxEvents: EventsPerRing);
            // Ring r holds every Rings-th event: the heap switches rings at every step, the worst case.
            for (var i = ring; i < frames.Length; i += Rings)
                if (!_batches[ring].TryAppend(frames[i], (ushort)ring)) throw new InvalidOperationException("batch too small");
            _runs[ring] = new PendingRun();
        }
    }

    [Benchmark(OperationsPerInvoke = 1024 * 8)]
    public ulong MergeRuns()
    {
        // OperationsPerInvoke must be constant: repeat until 8192 events for any ring count.
        ulong checksum = 0;
        for (var pass = 0; pass < 8 / Rings; pass++) checksum += OnePass();
        return checksum;
    }

    ulong OnePass()
    {
        for (var ring = 0; ring < _runs.Length; ring++)
        {
            _batches[ring].Retain(); // the run's Clear releases it; the benchmark keeps it
            _runs[ring].Start(_batches[ring], ring, ring, order: null, _batches[ring].Count);
            _heap.Add(_runs[ring]);
        }
        ulong checksum = 0;
        while (_heap.Count > 0)
        {
            var min = _heap.Min;
            checksum += min.HeadTimestamp;
            if (!min.Advance()) _heap.RemoveMin().Clear();
            else if (!_heap.MinStillFirst()) _heap.SiftDownMin();
        }
        return checksum;
    }
}
