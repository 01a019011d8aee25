using Capture.Actors.Outputs;
using Capture.Native.Batches;
using Capture.Native.Files;
using Capture.Native.Processes;

namespace Capture.Actors.Specs.Outputs;

/// <summary>The observe step on its own: fed a batch at a time, it keeps the same state as fed event by event.</summary>
public sealed class StateObserverSpecs
{
    // A capture whose events change what its process list says (the others here do not, as far as Describe sees).
    const string Fixture = "libs-sample-2023.scap";

    [Fact]
    public void Observing_batches_leaves_every_thread_as_observing_the_same_events_one_by_one_does()
    {
        var oneByOne = new ThreadTable();
        var tids = new HashSet<long>();
        using (var reader = ScapFileReader.Open(RepoPaths.Fixture(Fixture), entry => oneByOne.Add(entry)))
        {
            var observer = new StateObserver(oneByOne);
            while (reader.TryReadNext(out var ev, out _))
            {
                observer.Observe(ev);
                tids.Add((long)ev.ThreadId);
            }
        }

        var byBatch = new ThreadTable();
        var batches = 0;
        using (var reader = ScapFileReader.Open(RepoPaths.Fixture(Fixture), entry => byBatch.Add(entry)))
        {
            var observer = new StateObserver(byBatch);
            var batch = EventBatch.Unpooled(blockBytes: 1 << 14, maxEvents: 64);
            while (reader.ReadInto(batch) > 0)
            {
                observer.Observe(batch);
                batch = EventBatch.Unpooled(blockBytes: 1 << 14, maxEvents: 64);
                batches++;
            }
        }

        Assert.True(batches > 1, "the fixture fitted one batch: nothing shows that batches follow on from each other");
        Assert.Equal(oneByOne.Count, byBatch.Count);
        // The events changed what the process list said (names, open fds), so agreeing means something.
        var listOnly = new ThreadTable();
        using (var reader = ScapFileReader.Open(RepoPaths.Fixture(Fixture), entry => listOnly.Add(entry)))
            while (reader.TryReadNext(out _, out _)) { }
        Assert.Contains(tids, tid => Describe(listOnly, tid) != Describe(oneByOne, tid));
        foreach (var tid in tids)
            Assert.Equal(Describe(oneByOne, tid), Describe(byBatch, tid));
    }

    /// <summary>What a thread is known as, and the names of its first open fds.</summary>
    static string Describe(ThreadTable table, long tid)
    {
        if (table.Find(tid) is not { } thread) return "unknown";
        var fds = Enumerable.Range(0, 64).Select(fd => table.FindFd(thread, fd) is { } entry ? System.Text.Encoding.UTF8.GetString(entry.Name) : "-");
        return $"{thread.Pid} {thread.CommText} {System.Text.Encoding.UTF8.GetString(thread.Exe)} uid {thread.Uid} fds {string.Join(',', fds)}";
    }
}
