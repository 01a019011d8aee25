using Capture.Native.Files;
using Capture.Native.Processes;
using Capture.Native.Schema;
using static Capture.Native.Specs.Frames;

namespace Capture.Native.Specs.Files;

public class ScapFileWriterSpecs
{
    const ulong Start = 1_700_000_000_000_000_000;

    static readonly ThreadEntry Shell = new(4242, 4242, 1, "bash", "/bin/bash", "/usr/bin/bash", ["-c", "true"], "/root", 0, 0)
        { Cgroups = "cpu=/docker/" + new string('a', 64) + "\0name=systemd=/docker/" + new string('a', 64) + "\0", Vtid = 1, Vpid = 1 };
    static readonly ThreadEntry Worker = new(4243, 4242, 4242, "worker", "worker", "/opt/worker", [], "/srv", 1000, 1000);

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Created_file_is_readable_and_writable_by_its_owner_only()
    {
        using var scratch = new Scratch();
        var path = scratch.File("out.scap");
        File.WriteAllText(path, "an older file with a wider mode");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110);

        using (ScapFileWriter.Create(path)) { }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Metadata_built_in_code_reads_back_field_for_field()
    {
        using var scratch = new Scratch();
        var path = scratch.File("out.scap");
        var machine = new MachineInfo(8, 16ul << 30, 4_194_304, "capture-host", Start - 1_000_000, 0);
        using (var writer = ScapFileWriter.Create(path))
        {
            writer.WriteMachineInfo(machine);
            writer.WriteProcessList([Shell, Worker]);
            writer.WriteFdList(Shell.Tid, [new FdRecord(Shell.Tid, 3, 77, FdKind.File, "/etc/passwd"), new FdRecord(Shell.Tid, 4, 78, FdKind.FileV2, "/tmp/out") { OpenFlags = 6, Device = 0x2d }]);
            writer.WriteEvent(Build(Start, (ulong)Shell.Tid, EventIds.PPME_SYSCALL_READ_E, I64(3), U32(16)), 1);
        }

        using var reader = ScapFileReader.Open(path);
        Assert.Equal(machine, reader.MachineInfo);
        Assert.Equal(2, reader.Threads.Count);
        AssertSameThread(Shell, reader.Threads[0]);
        AssertSameThread(Worker, reader.Threads[1]);
        Assert.Equal(["/etc/passwd", "/tmp/out"], reader.Fds.Select(f => f.Name));
        Assert.Equal((FdKind.FileV2, 6u, 0x2du), (reader.Fds[1].Type, reader.Fds[1].OpenFlags, reader.Fds[1].Device));
        Assert.True(reader.TryReadNext(out var ev, out var cpu));
        Assert.Equal((Start, (ulong)Shell.Tid, (ushort)1), (ev.Timestamp, ev.ThreadId, cpu));
        Assert.False(reader.TryReadNext(out _, out _));
    }

    [Fact]
    public void Sysdig_names_the_process_of_a_written_thread()
    {
        using var scratch = new Scratch();
        var path = scratch.File("out.scap");
        using (var writer = ScapFileWriter.Create(path))
        {
            writer.WriteProcessList([Shell, Worker]);
            writer.WriteEvent(Build(Start, (ulong)Worker.Tid, EventIds.PPME_SYSCALL_READ_E, I64(3), U32(16)), 0);
        }

        // '*' prints the line even though no user list names uid 1000.
        var result = Sysdig.Open(path, "-p", "*%proc.name %thread.tid %proc.pid %user.uid %evt.type %fd.num %proc.exepath");
        Assert.Equal("worker 4243 4242 1000 read 3 /opt/worker\n", result.Output);
    }

    [Fact]
    public void Strings_longer_than_libscap_reads_are_cut_on_a_character_so_sysdig_still_opens_the_file()
    {
        using var scratch = new Scratch();
        var path = scratch.File("out.scap");
        // 6,000 bytes of arguments (libscap refuses more than 4,096), ending in two-byte characters.
        var longArgs = Shell with { Args = ["-c", new string('a', 4000), new string('é', 1000)] };
        var longHome = new SystemAccount(0, 0, "root", "/" + new string('h', 299), "/bin/bash");
        var longName = "/" + new string('f', 1999);
        using (var writer = ScapFileWriter.Create(path))
        {
            writer.WriteProcessList([longArgs]);
            writer.WriteUserList([longHome], []);
            writer.WriteFdList(Shell.Tid, [new FdRecord(Shell.Tid, 3, 77, FdKind.File, longName)]);
            writer.WriteEvent(Build(Start, (ulong)Shell.Tid, EventIds.PPME_SYSCALL_READ_E, I64(3), U32(16)), 0);
        }

        using (var reader = ScapFileReader.Open(path))
        {
            var args = Assert.Single(reader.Threads).Args;
            Assert.Equal(["-c", new string('a', 4000)], args.Take(2));
            // 4096 - 3 - 4001 = 92 bytes are left for the last argument with its NUL: 45 whole 'é'
            // (a 46th would be cut in half), so 4095 bytes in all.
            Assert.Equal(new string('é', 45), args[2]);
            Assert.Equal(4095, args.Sum(a => System.Text.Encoding.UTF8.GetByteCount(a) + 1));
            Assert.Equal(longName[..1023], Assert.Single(reader.Fds).Name);
        }
        var sysdig = Sysdig.Open(path, "-p", "%proc.args|%user.homedir|%fd.name");
        Assert.Equal($"-c {new string('a', 4000)} {new string('é', 45)}|{longHome.Home[..255]}|{longName[..1023]}\n", sysdig.Output);
    }

    [Fact]
    public void Events_with_flags_go_in_flagged_blocks_and_keep_their_flags()
    {
        using var scratch = new Scratch();
        var path = scratch.File("out.scap");
        using (var writer = ScapFileWriter.Create(path))
        {
            writer.WriteEvent(Build(Start, 1, EventIds.PPME_SYSCALL_READ_E, I64(3), U32(16)), 0, flags: 0);
            writer.WriteEvent(Build(Start + 1, 1, EventIds.PPME_SYSCALL_READ_E, I64(3), U32(16)), 0, flags: 5);
        }

        var capture = CaptureBytes.Inflate(File.ReadAllBytes(path));
        using var reader = ScapFileReader.Open(new MemoryStream(capture), path);
        Assert.True(reader.TryReadNext(out _, out _));
        Assert.Equal(0u, reader.LastEventFlags);
        Assert.True(reader.TryReadNext(out _, out _));
        Assert.Equal(5u, reader.LastEventFlags);
        Assert.Equal(BlockType.EventWithFlagsV2, BitConverter.ToUInt32(capture, (int)reader.LastEventOffset - 14));
    }

    [Fact]
    public void Block_larger_than_the_flush_size_keeps_its_place_in_the_file()
    {
        using var scratch = new Scratch();
        var path = scratch.File("out.scap");
        var threads = Enumerable.Range(0, 200).Select(i => Worker with { Tid = 5000 + i, Comm = $"worker-{i}" }).ToList();
        using (var writer = ScapFileWriter.Create(path, new ScapWriteOptions { FlushBytes = 4096 }))
        {
            writer.WriteMachineInfo(new MachineInfo(1, 1, 1, "h", 0, 0));
            writer.WriteProcessList(threads);
            writer.WriteFdList(5000, [new FdRecord(5000, 3, 0, FdKind.File, "/x")]);
            writer.WriteEvent(Build(Start, 5000, EventIds.PPME_SYSCALL_READ_E, I64(3), U32(16)), 0);
        }

        var layout = CaptureBytes.Inflate(File.ReadAllBytes(path));
        using var reader = ScapFileReader.Open(new MemoryStream(layout), path);
        Assert.Equal([BlockType.MachineInfo, BlockType.ProcessListV9, BlockType.FdListV2], reader.MetadataBlocks.Select(b => b.Type));
        Assert.True(reader.MetadataBlocks[1].Bytes.Length > 4096);
        Assert.Equal(threads.Select(t => t.Comm), reader.Threads.Select(t => t.Comm));
        Assert.True(reader.TryReadNext(out _, out _));
        Assert.Empty(reader.Problems);
    }

    [Fact]
    public void Metadata_after_the_first_event_is_refused()
    {
        using var scratch = new Scratch();
        using var writer = ScapFileWriter.Create(scratch.File("out.scap"));
        writer.WriteEvent(Build(Start, 1, EventIds.PPME_SYSCALL_READ_E, I64(3), U32(16)), 0);
        Assert.Throws<InvalidOperationException>(() => writer.WriteProcessList([Shell]));
    }

    [Fact]
    public void Malformed_frame_is_refused_before_anything_is_written()
    {
        using var scratch = new Scratch();
        using var writer = ScapFileWriter.Create(scratch.File("out.scap"));
        var frame = Build(Start, 1, EventIds.PPME_SYSCALL_READ_E, I64(3), U32(16));
        var error = Assert.Throws<ArgumentException>(() => writer.WriteEvent(frame[..^2], 0));
        Assert.Contains("runs past", error.Message);
        Assert.Equal(0, writer.EventsWritten);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void File_on_disk_always_ends_on_a_whole_block_while_the_writer_runs(bool compress)
    {
        // What a reader finds after kill -9: the bytes on disk at any moment, without Dispose.
        using var scratch = new Scratch();
        var path = scratch.File("out.scap");
        using var writer = ScapFileWriter.Create(path, new ScapWriteOptions { Compress = compress, FlushBytes = 4096 });
        writer.WriteProcessList([Shell]);
        long lastSeen = 0;
        for (var i = 0; i < 3000; i++)
        {
            writer.WriteEvent(Build(Start + (ulong)i, (ulong)Shell.Tid, EventIds.PPME_SYSCALL_OPEN_X, I64(3), Str($"/tmp/file-{i}"), U32(1), U32(0), U32(0), I64(i)), 0);
            if (i % 250 != 249) continue;

            var outcome = ReadOutcome.Of(ReadShared(path), path);
            // Plain: every flushed block reads cleanly. Gzip: the stream has no trailer yet, so
            // the end may be reported, but only after every event up to the last sync point.
            if (!compress) Assert.Null(outcome.Fault);
            Assert.True(outcome.Timestamps.Count >= lastSeen);
            Assert.InRange(outcome.Timestamps.Count, i + 1 - 4096 / 60, i + 1);
            Assert.Equal(Enumerable.Range(0, outcome.Timestamps.Count).Select(n => Start + (ulong)n), outcome.Timestamps);
            lastSeen = outcome.Timestamps.Count;
        }
    }

    static byte[] ReadShared(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[file.Length];
        file.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Namespace ids not known when written are written as the thread's own (outside a pid namespace).</summary>
    static void AssertSameThread(ThreadEntry expected, ThreadEntry actual)
    {
        expected = expected with { Vtid = expected.Vtid >= 0 ? expected.Vtid : expected.Tid, Vpid = expected.Vpid >= 0 ? expected.Vpid : expected.Pid };
        Assert.Equal(expected with { Args = [] }, actual with { Args = [] });
        Assert.Equal(expected.Args, actual.Args);
    }
}
