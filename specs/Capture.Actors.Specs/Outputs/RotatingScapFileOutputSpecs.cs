using Capture.Actors.Outputs;
using Capture.Native.Batches;
using Capture.Native.Files;
using Capture.Native.Processes;

namespace Capture.Actors.Specs.Outputs;

/// <summary>
/// A capture rewritten into rotated files through the same open and path `capture -r -w` uses:
/// each file is a whole capture, and together they hold every event once, in order.
/// </summary>
public sealed class RotatingScapFileOutputSpecs : IDisposable
{
    const string Fixture = "libs-curl_google.scap";
    readonly string _dir = Directory.CreateTempSubdirectory("capture-rotation-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Rewrites the fixture into <paramref name="rotation"/>'s files as `capture -r` does; returns how many events it read.</summary>
    long Rewrite(Rotation rotation)
    {
        var threads = new ThreadTable();
        using var reader = ScapFileReader.Open(RepoPaths.Fixture(Fixture), entry => threads.Add(entry));
        var accounts = new AccountNames();
        FdListSeeding.SeedNames(reader, threads, accounts);
        var request = new OutputRequest(Path.Combine(_dir, "a.scap"), Json: false, Compress: false, Sysdig2022Compatible: false, Quiet: false, Rotation: rotation);
        using var output = EventOutputs.Open(request, Stream.Null, threads, accounts, reader.MetadataBlocks, MachineAccounts.None, [], []);
        var path = OutputPath.For(request, output, threads, accounts, limit: null);
        while (reader.TryReadNext(out var ev, out var cpu)) path.Take(ev, cpu);
        path.Close();
        return path.Written;
    }

    /// <summary>The files a.scap0, a.scap1, … in order.</summary>
    string[] Files() =>
        [.. Directory.GetFiles(_dir).OrderBy(f => int.Parse(Path.GetFileName(f)["a.scap".Length..]))];

    static List<(ulong Time, ulong Tid, ushort Type)> EventsOf(params string[] files)
    {
        var events = new List<(ulong, ulong, ushort)>();
        foreach (var file in files)
        {
            using var reader = ScapFileReader.Open(file);
            while (reader.TryReadNext(out var ev, out _)) events.Add((ev.Timestamp, ev.ThreadId, ev.Type));
            Assert.Equal(0, reader.Errors);
        }
        return events;
    }

    [Fact]
    public void Split_by_size_the_files_hold_every_event_once_in_order_and_each_passed_the_size_before_the_next_began()
    {
        const long Size = 20_000;
        var written = Rewrite(new Rotation(SizeBytes: Size));

        var files = Files();
        Assert.True(files.Length >= 4, $"only {files.Length} files: the spec did not rotate enough");
        Assert.Equal(EventsOf(RepoPaths.Fixture(Fixture)), EventsOf(files));
        Assert.Equal(written, EventsOf(files).Count);
        foreach (var file in files[..^1]) Assert.True(new FileInfo(file).Length > Size, $"{file} was closed at {new FileInfo(file).Length} bytes");
    }

    [Fact]
    public void A_file_begun_mid_capture_lists_the_processes_started_in_earlier_files()
    {
        Rewrite(new Rotation(Events: 300));

        var files = Files();
        Assert.Equal(6, files.Length); // 1536 events, 300 a file
        // curl execs at event 211 (file 0), clones its thread 17498 at event 1051 (file 3), which
        // exits at event 1246 (file 4): the fifth file starts with both, named as they are then.
        using var fifth = ScapFileReader.Open(files[4]);
        var thread = Assert.Single(fifth.Threads, t => t.Tid == 17498);
        Assert.Equal("curl", thread.Comm);
        Assert.Equal(17497, thread.Pid);
        Assert.Equal("curl", Assert.Single(fifth.Threads, t => t.Tid == 17497).Comm);
        using var source = ScapFileReader.Open(RepoPaths.Fixture(Fixture));
        Assert.DoesNotContain(source.Threads, t => t.Tid == 17498);
        // What curl opened in earlier files and has not closed is listed among its fds.
        Assert.Contains(fifth.Fds, fd => fd.Tid == 17497 && fd.Name != "" && !source.Fds.Any(s => s.Tid == 17497 && s.Fd == fd.Fd && s.Name == fd.Name));
    }

    [Fact]
    public void Checking_each_event_against_the_rules_allocates_nothing()
    {
        var batch = EventBatch.Unpooled();
        using (var reader = ScapFileReader.Open(RepoPaths.Fixture(Fixture)))
            reader.ReadInto(batch);
        var first = Path.Combine(_dir, "a.scap0");
        // Rules that never fire here, so every event is checked against all three and none rotates.
        var rotation = new Rotation(SizeBytes: long.MaxValue, Seconds: int.MaxValue, Events: long.MaxValue);
        using var output = new RotatingScapFileOutput(first, ScapFileWriter.Create(first), rotation, new RotationNames(Path.Combine(_dir, "a.scap"), rotation),
            ScapWriteOptions.Default, new MidCaptureHeader([], MachineAccounts.None, new ThreadTable()));

        var bytes = Allocations.FewestOver(3, () =>
        {
            for (var i = 0; i < batch.Count; i++) output.Write(batch.View(i), batch.Slot(i).Cpu, (ulong)i);
        });

        Assert.Equal(0, bytes);
        Assert.True(output.EventsWritten > 0 && output.EventsWritten % batch.Count == 0, $"{output.EventsWritten} events written");
    }
}
