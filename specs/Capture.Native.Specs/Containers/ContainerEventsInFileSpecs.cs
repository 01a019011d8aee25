using Capture.Native.Containers;
using Capture.Native.Events;
using Capture.Native.Files;
using Capture.Native.Processes;
using Capture.Native.Schema;
using Capture.Native.Specs.Formatting;

namespace Capture.Native.Specs.Containers;

/// <summary>The container events a written file carries, so its readers (sysdig too) name the containers.</summary>
public sealed class ContainerEventsInFileSpecs : IDisposable
{
    const string Id = "697956520d89";
    readonly string _dir = Directory.CreateTempSubdirectory("container-events-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static byte[] Close(ulong timestamp, long tid) =>
        new FrameBuilder(EventIds.PPME_SYSCALL_CLOSE_E, timestamp, (ulong)tid).I64(3).Build();

    static List<(ushort Type, ulong Timestamp, byte[] Json)> ReadBack(string path)
    {
        var events = new List<(ushort, ulong, byte[])>();
        using var reader = ScapFileReader.Open(path);
        while (reader.TryReadNext(out var ev, out _))
            events.Add((ev.Type, ev.Timestamp, ev.Type == EventIds.PPME_CONTAINER_JSON_2_E ? ev.Param(0).ToArray() : []));
        return events;
    }

    [Fact]
    public void A_container_learnt_mid_capture_is_written_once_before_the_next_event()
    {
        var table = new ContainerTable();
        var container = table.ForId("697956520d89"u8, ContainerType.Docker);
        var path = Path.Combine(_dir, "mid.scap");
        using (var writer = ScapFileWriter.Create(path))
        {
            var events = new ContainerEventsInFile(table);
            Write(writer, events, Close(100, 7));
            // Learnt as a runtime answers: from elsewhere, between two events.
            container.Metadata = ContainerMetadata.From("hopeful_taussig", "busybox:latest", "busybox", "latest", "sha256:1", "", false);
            Write(writer, events, Close(200, 7));
            Write(writer, events, Close(300, 7));
            Assert.Equal(1, events.Written);
        }

        var read = ReadBack(path);
        Assert.Equal([EventIds.PPME_SYSCALL_CLOSE_E, EventIds.PPME_CONTAINER_JSON_2_E, EventIds.PPME_SYSCALL_CLOSE_E, EventIds.PPME_SYSCALL_CLOSE_E],
            read.Select(e => e.Type));
        Assert.Equal(200UL, read[1].Timestamp);
        Assert.True(ContainerEvent.TryParse(read[1].Json, out var described));
        Assert.Equal(Id, described.Id);
        Assert.Equal(ContainerType.Docker, described.Type);
        Assert.Equal("hopeful_taussig", described.Metadata.NameText);
        Assert.Equal("busybox:latest", described.Metadata.ImageText);
        Assert.False(described.Metadata.Privileged);
    }

    [Fact]
    public void Checking_an_event_against_containers_already_written_allocates_nothing()
    {
        var table = new ContainerTable();
        table.Describe(Id, ContainerType.Docker, ContainerMetadata.From("hopeful_taussig", "nginx", "", "", "", "", false));
        var frame = Close(100, 7);
        using var writer = new ScapFileWriter(new MemoryStream());
        var events = new ContainerEventsInFile(table);
        Write(writer, events, frame); // the first event writes the container

        var bytes = Allocations.FewestOver(3, () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                EventView.TryRead(frame, out var ev);
                events.Before(writer, ev);
            }
        });

        Assert.Equal(0, bytes);
        Assert.Equal(1, events.Written);
    }

    [Fact]
    public void A_file_starts_with_the_containers_known_then_and_a_replaced_one_is_written_again()
    {
        var table = new ContainerTable();
        table.Describe(Id, ContainerType.Podman, ContainerMetadata.From("first", "img", "", "", "", "", null));
        table.ForId("aaaaaaaaaaaa"u8, ContainerType.Docker); // no metadata yet: nothing to write
        var path = Path.Combine(_dir, "start.scap");
        using (var writer = ScapFileWriter.Create(path))
        {
            var events = new ContainerEventsInFile(table);
            Write(writer, events, Close(100, 7));
            table.Describe(Id, ContainerType.Podman, ContainerMetadata.From("renamed", "img", "", "", "", "", null));
            Write(writer, events, Close(200, 7));
        }

        var read = ReadBack(path);
        Assert.Equal([EventIds.PPME_CONTAINER_JSON_2_E, EventIds.PPME_SYSCALL_CLOSE_E, EventIds.PPME_CONTAINER_JSON_2_E, EventIds.PPME_SYSCALL_CLOSE_E],
            read.Select(e => e.Type));
        Assert.Equal(100UL, read[0].Timestamp);
        Assert.True(ContainerEvent.TryParse(read[0].Json, out var first));
        Assert.Equal("first", first.Metadata.NameText);
        Assert.Equal(ContainerType.Podman, first.Type);
        Assert.True(ContainerEvent.TryParse(read[2].Json, out var renamed));
        Assert.Equal("renamed", renamed.Metadata.NameText);
    }

    [Fact]
    public void A_file_whose_container_events_are_ours_names_the_containers_for_sysdig_as_the_fixture_does()
    {
        // The fixture's threads learn their containers from its own container events; those are
        // left out of the copy, so every container event in it is one this writer made.
        var fixture = RepoPaths.Fixture("falco-run_as_user_0_container.scap");
        var path = Path.Combine(_dir, "ours.scap");
        var table = new ThreadTable();
        using (var reader = ScapFileReader.Open(fixture, entry => table.Add(entry)))
        using (var writer = ScapFileWriter.Create(path))
        {
            var events = new ContainerEventsInFile(table.Containers);
            foreach (var block in reader.MetadataBlocks) writer.WriteMetadataBlock(block);
            while (reader.TryReadNext(out var ev, out var cpu))
            {
                table.Observe(ev);
                if (ev.Type is EventIds.PPME_CONTAINER_JSON_E or EventIds.PPME_CONTAINER_JSON_2_E) continue;
                events.Before(writer, ev);
                writer.WriteEvent(ev, cpu);
            }
            Assert.True(events.Written > 0, "the fixture's containers were written");
        }

        var expected = Containers(Sysdig.Open(fixture, "-pc").Output);
        Assert.Contains("hopeful_taussig (697956520d89)", expected.Keys);
        Assert.Equal(expected, Containers(Sysdig.Open(path, "-pc").Output));
    }

    /// <summary>How many lines name each container ("name (id)", the fourth and fifth words of -pc).</summary>
    static Dictionary<string, int> Containers(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length > 4)
            .GroupBy(words => words[3] + " " + words[4])
            .ToDictionary(g => g.Key, g => g.Count());

    static void Write(ScapFileWriter writer, ContainerEventsInFile events, byte[] frame)
    {
        Assert.Equal(FrameFault.None, EventView.TryRead(frame, out var ev));
        events.Before(writer, ev);
        writer.WriteEvent(ev, cpu: 0);
    }
}
