using Capture.Actors.Outputs;
using Capture.Native.Events;
using Capture.Native.Files;
using Capture.Native.Filtering;
using Capture.Native.Processes;

namespace Capture.Actors.Specs.Outputs;

/// <summary>
/// The one path from event to output that live capture and `capture -r` share: how it numbers,
/// selects, filters and limits, on a real capture.
/// </summary>
public sealed class OutputPathSpecs
{
    const string Fixture = "libs-curl_google.scap";

    sealed class Recorded : IEventOutput
    {
        public readonly List<(ulong Number, string Type)> Events = [];

        public void Write(in EventView ev, ushort cpu, ulong number) => Events.Add((number, ev.Info.Name));

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }

    /// <summary>Every event of the fixture through <paramref name="path"/>; how many it read.</summary>
    static int Feed(OutputPath path)
    {
        using var reader = ScapFileReader.Open(RepoPaths.Fixture(Fixture));
        var read = 0;
        while (reader.TryReadNext(out var ev, out var cpu) && path.Take(ev, cpu)) read++;
        return read;
    }

    /// <summary>The type of every event in the fixture, in file order.</summary>
    static List<string> TypesInFile()
    {
        using var reader = ScapFileReader.Open(RepoPaths.Fixture(Fixture));
        var types = new List<string>();
        while (reader.TryReadNext(out var ev, out _)) types.Add(ev.Info.Name);
        return types;
    }

    [Fact]
    public void An_event_the_filter_rejects_keeps_its_number_so_written_events_carry_their_place_in_the_file()
    {
        var output = new Recorded();
        var threads = new ThreadTable();
        var path = new OutputPath(output, new StateObserver(threads), EventFilter.Parse("evt.type=connect", threads), limit: null);
        Feed(path);

        var expected = TypesInFile().Select((type, i) => ((ulong)(i + 1), type)).Where(e => e.type == "connect").ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, output.Events);
        Assert.Equal(TypesInFile().Count - expected.Count, path.FilteredOut);
    }

    [Fact]
    public void Events_outside_the_selection_are_neither_numbered_nor_written_and_are_counted_as_state_only()
    {
        var output = new Recorded();
        var path = new OutputPath(output, observer: null, filter: null, limit: null, selection: info => info.Name == "connect");
        Feed(path);

        var connects = TypesInFile().Count(t => t == "connect");
        Assert.Equal(Enumerable.Range(1, connects).Select(n => (ulong)n), output.Events.Select(e => e.Number));
        Assert.Equal(TypesInFile().Count - connects, path.StateOnly);
        Assert.Equal(0, path.FilteredOut);
    }

    [Fact]
    public void With_nothing_to_look_at_a_batch_is_taken_whole_and_counted_as_one_by_one()
    {
        var threads = new ThreadTable();
        var quiet = new OutputPath(new NullOutput(), observer: null, filter: null, limit: null);
        Assert.True(quiet.TakesWholeBatches);
        quiet.TakeWhole(5);
        quiet.TakeWhole(3);
        Assert.Equal(8, quiet.Written);

        // Anything that looks at events takes them one by one.
        Assert.False(new OutputPath(new Recorded(), null, null, null).TakesWholeBatches);
        Assert.False(new OutputPath(new NullOutput(), new StateObserver(threads), null, null).TakesWholeBatches);
        Assert.False(new OutputPath(new NullOutput(), null, null, limit: 10).TakesWholeBatches);
        Assert.False(new OutputPath(new NullOutput(), null, null, null, selection: _ => true).TakesWholeBatches);
        quiet.ChangeFilter(EventFilter.Parse("evt.type=connect", threads));
        Assert.False(quiet.TakesWholeBatches);
        Assert.Throws<InvalidOperationException>(() => quiet.TakeWhole(1));
    }

    [Fact]
    public void The_limit_counts_written_events_and_once_reached_the_path_takes_nothing_more()
    {
        var output = new Recorded();
        var threads = new ThreadTable();
        var path = new OutputPath(output, new StateObserver(threads), EventFilter.Parse("evt.type=connect", threads), limit: 3);
        var taken = Feed(path);

        Assert.Equal(3, path.Written);
        Assert.True(path.LimitReached);
        Assert.Equal(3, output.Events.Count);
        // Taken: everything up to and including the third connect, nothing after it.
        var types = TypesInFile();
        var third = types.Select((t, i) => (t, i)).Where(e => e.t == "connect").ElementAt(2).i;
        Assert.Equal(third + 1, taken);
    }
}
