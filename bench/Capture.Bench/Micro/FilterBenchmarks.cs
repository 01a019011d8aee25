using BenchmarkDotNet.Attributes;
using Capture.Native.Events;
using Capture.Native.Filtering;
using Capture.Native.Processes;

namespace Capture.Bench.Micro;

/// <summary>
/// A sysdig-style filter matched against the mixed events, with the threads they come from
/// known to the thread table. One operation is one event.
/// </summary>
public class FilterBenchmarks
{
    public const int Events = 7 * 128;

    byte[][] _frames = [];
    EventFilter _filter = null!;

    [GlobalSetup]
    public void Setup()
    {
        _frames = MixedFrames.Build(Events);
        var threads = new ThreadTable();
        for (var tid = 1000; tid < 1064; tid++) threads.Add(new ThreadEntry(tid, tid, 1, $"worker-{tid % 4}", "worker", "/usr/bin/worker", [], "/", 0, 0));
        foreach (var frame in _frames)
        {
            EventView.TryRead(frame, out var view);
            threads.Observe(view);
        }
        _filter = EventFilter.Parse("proc.name in (worker-1, worker-3) and evt.type in (read, write, openat) and not fd.name startswith /proc or evt.failed=true", threads);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int Match()
    {
        var matched = 0;
        for (var i = 0; i < _frames.Length; i++)
        {
            EventView.TryRead(_frames[i], out var view);
            if (_filter.Matches(view, (ulong)i, 0)) matched++;
        }
        return matched;
    }
}
