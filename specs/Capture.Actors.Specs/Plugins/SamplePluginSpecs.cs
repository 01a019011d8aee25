using Akka.TestKit.Xunit2;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Plugins;
using Capture.Actors.Sinks;
using Capture.Actors.Specs.Simulation;
using Capture.Native.Schema;
using Capture.Plugins;
using Capture.Plugins.Samples.Filter;
using Capture.Actors.Accounting;

namespace Capture.Actors.Specs.Plugins;

public sealed class SamplePluginSpecs : SpecKit
{
    const ulong Millisecond = 1_000_000;

    static readonly SimulationSettings Simulation = new() { Seed = 44, Rings = 4, MeanGapNs = 3_000 };

    [Fact]
    public async Task The_keep_filter_loaded_from_its_build_must_keep_only_the_configured_types_and_threads()
    {
        var reference = Reference.Collect(Simulation, 3 * Millisecond, Millisecond / 4);
        var thread = Decode(reference.First(e => Type(e) == "write")).ThreadId;
        var directory = PluginBuilds.Directory(("keep", PluginBuilds.FilterSample));
        var configuration = PluginCapture.Configuration(("Plugins:keep:Types:0", "read"), ("Plugins:keep:ThreadIds:0", thread.ToString()));
        var host = PluginHost.FromDirectory(directory, configuration);
        Assert.Empty(host.Problems);
        var sink = new CollectingSink("collected");
        var capture = await PluginCapture.StartAsync(this, Simulation, [new SinkBinding(sink, new SinkPolicy.Lossless())], host);

        capture.Run(3 * Millisecond, Millisecond / 4);
        await capture.FinishAsync();

        var expected = reference.Where(e => Type(e) == "read" || Decode(e).ThreadId == thread).Canonical().ToList();
        Assert.Contains(expected, e => Type(e) != "read"); // the thread brings other types along
        Assert.Equal(expected, sink.Events.Select(e => new Reference.Event(e.Timestamp, e.Cpu, e.Frame)).Canonical());
        var stage = capture.Stats.Extension(PluginStage.StageName("keep", ExtensionPoint.AfterMerge)).Snapshot();
        Assert.Equal(reference.Count - expected.Count, stage.DroppedFor(DropReason.Filtered));
        Assert.Equal(0, capture.Pipeline.Pool.Outstanding);
        System.IO.Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void The_keep_filter_must_pass_a_batch_it_keeps_whole_on_as_it_is_and_refuse_an_unknown_type()
    {
        var pool = new Native.Batches.EventBatchPool(64 * 1024, 512);
        var batch = pool.Rent();
        var frame = new byte[SyscallFrames.MaxFrameBytes];
        for (uint i = 0; i < 6; i++) batch.TryAppend(frame.AsSpan(0, SyscallFrames.Write(frame, 100 + i, 7, i)), 0);
        var stats = new PipelineStats();
        var call = new WatchedCall<PluginStage>();
        PluginStage Stage(KeepFilter filter) => new("keep", ExtensionPoint.AfterMerge, filter, PluginFailurePolicy.FailOpen, stats.Extension("keep"), _ => { });

        Assert.Same(batch, Stage(KeepFilter.From(EventCatalog.Instance, [], [7])).Apply(batch, pool, call));
        var opens = Stage(KeepFilter.From(EventCatalog.Instance, ["open"], [])).Apply(batch, pool, call);
        Assert.NotNull(opens);
        Assert.Equal([102UL, 105UL], Enumerable.Range(0, opens!.Count).Select(i => opens.Slot(i).Timestamp));
        opens.Release();
        Assert.Equal(0, pool.Outstanding); // the input went back with the last view of it
        var error = Assert.Throws<ArgumentException>(() => KeepFilter.From(EventCatalog.Instance, ["opne"], []));
        Assert.Contains("'opne'", error.Message);
    }

    [Fact]
    public async Task The_syscall_counts_sink_loaded_from_its_build_must_write_per_thread_counts_at_the_end()
    {
        var reference = Reference.Collect(Simulation, 3 * Millisecond, Millisecond / 4);
        var output = Path.Combine(Path.GetTempPath(), $"syscall-counts-{Guid.NewGuid():N}.tsv");
        var directory = PluginBuilds.Directory(("counts", PluginBuilds.CountsSample));
        var host = PluginHost.FromDirectory(directory, PluginCapture.Configuration(("Plugins:syscall-counts:Output", output)));
        var capture = await PluginCapture.StartAsync(this, Simulation, [], host);

        capture.Run(3 * Millisecond, Millisecond / 4);
        await capture.FinishAsync();

        var expected = reference
            .GroupBy(e => (Decode(e).ThreadId, Type(e)))
            .OrderBy(g => g.Key.ThreadId).ThenBy(g => g.Key.Item2, StringComparer.Ordinal)
            .Select(g => $"{g.Key.ThreadId}\t{g.Key.Item2}\t{g.Count()}");
        Assert.Equal(["tid\tsyscall\tcount", .. expected], File.ReadAllLines(output));
        var sink = capture.Stats.Sink("syscall-counts/table").Snapshot();
        Assert.Equal(reference.Count, sink.Out);
        File.Delete(output);
        System.IO.Directory.Delete(directory, recursive: true);
    }

    static (ulong ThreadId, ushort Type) Decode(Reference.Event e)
    {
        var frame = e.Frame;
        return (BitConverter.ToUInt64(frame, 8), BitConverter.ToUInt16(frame, 20));
    }

    static string Type(Reference.Event e) => EventTable.Find(Decode(e).Type)!.Name;
}
