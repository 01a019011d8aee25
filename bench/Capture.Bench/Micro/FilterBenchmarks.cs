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
    EventFilter _ancestry = null!;
    EventFilter _generation = null!;

    [GlobalSetup]
    public void Setup()
    {
        _frames = MixedFrames.Build(Events);
        var threads = new ThreadTable();
        // Three generations above each worker (init, a supervisor, a shell), so that an
        // ancestry filter walks a realistic chain.
        threads.Add(new ThreadEntry(1, 1, 0, "init", "init", "/sbin/init", [], "/", 0, 0));
        threads.Add(new ThreadEntry(10, 10, 1, "supervisor", "supervisor", "/usr/bin/supervisor", [], "/", 0, 0));
        threads.Add(new ThreadEntry(20, 20, 10, "sh", "sh", "/bin/sh", [], "/", 0, 0));
        for (var tid = 1000; tid < 1064; tid++) threads.Add(new ThreadEntry(tid, tid, 20, $"worker-{tid % 4}", "worker", "/usr/bin/worker", [], "/", 0, 0));
        foreach (var frame in _frames)
        {
            EventView.TryRead(frame, out var view);
            threads.Observe(view);
        }
        _filter = EventFilter.Parse("proc.name in (worker-1, worker-3) and evt.type in (read, write, openat) and not fd.name startswith /proc or evt.failed=true", threads);
        // Matches no ancestor, so every event walks the whole chain: the worst case.
        _ancestry = EventFilter.Parse("proc.aname=sshd", threads);
        // One named generation: three steps up from a worker (sh, supervisor, init), a match
        // for every worker event; the walk a Falco rule's proc.aname[N] costs.
        _generation = EventFilter.Parse("proc.aname[3]=init", threads);
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

    /// <summary>proc.aname without an index: every ancestor of the event's process is compared.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public int MatchAnyAncestor()
    {
        var matched = 0;
        for (var i = 0; i < _frames.Length; i++)
        {
            EventView.TryRead(_frames[i], out var view);
            if (_ancestry.Matches(view, (ulong)i, 0)) matched++;
        }
        return matched;
    }

    /// <summary>proc.aname[3]: one ancestor, three generations up, compared.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public int MatchAncestorAtGeneration()
    {
        var matched = 0;
        for (var i = 0; i < _frames.Length; i++)
        {
            EventView.TryRead(_frames[i], out var view);
            if (_generation.Matches(view, (ulong)i, 0)) matched++;
        }
        return matched;
    }
}
