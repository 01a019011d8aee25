using Capture.Actors.Outputs;
using Capture.Native.Batches;
using Capture.Native.Files;
using Capture.Native.Filtering;
using Capture.Native.Processes;

namespace Capture.Actors.Specs.Outputs;

/// <summary>The output sink runs once per event on every capture: its own part must allocate nothing.</summary>
public sealed class OutputSinkAllocationSpecs
{
    [Fact]
    public void Writing_a_batch_through_selection_numbering_and_filter_allocates_nothing()
    {
        var batch = EventBatch.Unpooled();
        using (var reader = ScapFileReader.Open(RepoPaths.Fixture("libs-sample-2023.scap")))
            reader.ReadInto(batch);
        Assert.True(batch.Count > 100);
        var threads = new ThreadTable();
        // No observer: the thread table allocates when an event opens an fd, by design, and is
        // not the sink's cost. The filter and selection do run.
        var path = new OutputPath(new NullOutput(), observer: null, EventFilter.Parse("evt.type=read", threads), limit: null,
            selection: info => info.Name != "switch");
        var sink = new EventOutputSink("output", path, stopCapture: () => { });

        var bytes = Allocations.FewestOver(3, () =>
        {
            for (var pass = 0; pass < 20; pass++)
            {
                batch.Retain(); // the sink releases each batch it is given
                sink.Write(batch);
            }
        });

        Assert.Equal(0, bytes);
        Assert.True(path.Written > 0 && path.FilteredOut > 0, $"written {path.Written}, filtered out {path.FilteredOut}: the spec did not exercise the filter");
    }
}
