using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using Capture.Native.Events;
using Capture.Native.Probe;

namespace Capture.Native.Specs.Probe;

/// <summary>
/// driver/testprog makes known calls with known arguments under the real probe; each
/// event must carry exactly those values (raw, as libs encodes them) and a timestamp
/// inside the call's before/after window. One run serves all the facts below.
/// </summary>
public sealed class KnownCallsSpecs : IClassFixture<KnownCallsSpecs.Run>
{
    const string Traced = "openat open close read write socket connect getppid clone execve futex";

    public sealed class Run : IDisposable
    {
        public Run()
        {
            if (ProbeAvailability.Missing is not null) return;
            Directory = System.IO.Directory.CreateTempSubdirectory("capture-known-");
            using var probe = ModernProbe.Load(new ProbeSettings { Interest = NativeSyscalls.NumbersOf(Traced.Split(' ')) });
            using var captured = new CapturedEvents(probe);
            probe.Attach();
            Calls = TestProgram.Run(out var pid, "calls", Directory.FullName);
            Pid = pid;
            OwnThreads = System.IO.Directory.GetDirectories("/proc/self/task").Select(d => ulong.Parse(Path.GetFileName(d))).ToHashSet();
            probe.Detach();
            Frames = captured.StopAndCollect();
            Inode = ulong.Parse(Process.Start(new ProcessStartInfo("stat", ["-c", "%i", KnownFile]) { RedirectStandardOutput = true })!.StandardOutput.ReadToEnd().Trim());
        }

        public DirectoryInfo Directory { get; } = null!;
        public string KnownFile => Path.Combine(Directory.FullName, "known-file");
        public IReadOnlyList<KnownCall> Calls { get; } = [];
        public int Pid { get; }
        public ulong Inode { get; }
        public HashSet<ulong> OwnThreads { get; } = [];
        public IReadOnlyList<byte[]> Frames { get; } = [];

        public KnownCall Call(string name, int occurrence = 0) => Calls.Where(c => c.Name == name).ElementAt(occurrence);

        /// <summary>The events of <paramref name="enumName"/> from thread <paramref name="tid"/>.</summary>
        public List<byte[]> Events(string enumName, long tid) =>
            Frames.Where(f => FrameReading.ThreadIdOf(f) == (ulong)tid && FrameReading.View(f).Info.EnumName == enumName).ToList();

        /// <summary>The single event of this type from the test program whose timestamp lies inside the call.</summary>
        public byte[] Within(string enumName, KnownCall call, Func<byte[], bool>? where = null)
        {
            var inside = Events(enumName, Pid).Where(f => (where ?? (_ => true))(f)).Where(f =>
            {
                var ts = FrameReading.View(f).Timestamp;
                return ts >= call.Before && ts <= call.After;
            }).ToList();
            Assert.True(inside.Count == 1, $"expected one {enumName} inside [{call.Before}, {call.After}] of '{call.Name}', found {inside.Count}; all of them at: " +
                string.Join(", ", Events(enumName, Pid).Select(f => FrameReading.View(f).Timestamp)));
            return inside[0];
        }

        public void Dispose() => Directory?.Delete(recursive: true);
    }

    readonly Run _run;

    public KnownCallsSpecs(Run run) => _run = run;

    [KernelFact]
    public void Openat_must_carry_fd_dirfd_path_portable_flags_mode_and_inode()
    {
        var call = _run.Call("openat");
        var view = FrameReading.View(_run.Within("PPME_SYSCALL_OPENAT_2_X", call));
        Assert.Equal(call.Result, view.Int64(0));
        Assert.Equal(-100, view.Int64(1)); // AT_FDCWD
        Assert.Equal(_run.KnownFile, view.Text(2));
        Assert.Equal(0x4000u | 0x100 | 0x4 | 0x2, view.UInt32(3)); // O_F_CREATED|O_TRUNC|O_CREAT|O_WRONLY
        Assert.Equal(Convert.ToUInt32("640", 8), view.UInt32(4));
        Assert.NotEqual(0u, view.UInt32(5));
        Assert.Equal(_run.Inode, view.UInt64(6));
    }

    [KernelFact]
    public void Write_must_carry_the_result_the_data_cut_at_snaplen_the_fd_and_the_size()
    {
        var call = _run.Call("write");
        var fd = _run.Call("openat").Result;
        var view = FrameReading.View(_run.Within("PPME_SYSCALL_WRITE_X", call, f => FrameReading.View(f).Int64(2) == fd));
        Assert.Equal(100, view.Int64(0));
        Assert.Equal(Enumerable.Range(0, 80).Select(i => (byte)('a' + i % 26)).ToArray(), view.Param(1).ToArray());
        Assert.Equal(fd, view.Int64(2));
        Assert.Equal(100u, view.UInt32(3));
    }

    [KernelFact]
    public void Open_read_and_close_must_carry_their_values()
    {
        var open = FrameReading.View(_run.Within("PPME_SYSCALL_OPEN_X", _run.Call("open")));
        var fd = _run.Call("open").Result;
        Assert.Equal(fd, open.Int64(0));
        Assert.Equal(_run.KnownFile, open.Text(1));
        Assert.Equal(1u, open.UInt32(2)); // O_RDONLY, not created
        Assert.Equal(0u, open.UInt32(3)); // no mode without O_CREAT
        Assert.Equal(_run.Inode, open.UInt64(5));

        var read = FrameReading.View(_run.Within("PPME_SYSCALL_READ_X", _run.Call("read")));
        Assert.Equal(1, read.Int64(0));
        Assert.Equal("a"u8.ToArray(), read.Param(1).ToArray());
        Assert.Equal(fd, read.Int64(2));
        Assert.Equal(1u, read.UInt32(3));

        var close = FrameReading.View(_run.Within("PPME_SYSCALL_CLOSE_X", _run.Call("close", 1)));
        Assert.Equal(0, close.Int64(0));
        Assert.Equal(fd, close.Int64(1));
    }

    [KernelFact]
    public void Socket_and_connect_must_carry_family_type_and_both_ends_of_the_connection()
    {
        var socket = FrameReading.View(_run.Within("PPME_SOCKET_SOCKET_X", _run.Call("socket")));
        var fd = _run.Call("socket").Result;
        Assert.Equal(fd, socket.Int64(0));
        Assert.Equal(2u, socket.UInt32(1)); // AF_INET
        Assert.Equal(1u, socket.UInt32(2)); // SOCK_STREAM
        Assert.Equal(0u, socket.UInt32(3));
        Assert.Equal(0u, socket.UInt32(4));

        var port = ushort.Parse(_run.Calls.Single(c => c.Name == "port").Fields[1]);
        var loopback = BinaryPrimitives.ReadUInt32LittleEndian(IPAddress.Loopback.GetAddressBytes());
        var connect = FrameReading.View(_run.Within("PPME_SOCKET_CONNECT_X", _run.Call("connect")));
        Assert.Equal(0, connect.Int64(0));
        var tuple = connect.Param(1);
        Assert.Equal(13, tuple.Length);
        Assert.Equal(2, tuple[0]);
        Assert.Equal(loopback, BinaryPrimitives.ReadUInt32LittleEndian(tuple[1..]));
        Assert.NotEqual(0, BinaryPrimitives.ReadUInt16LittleEndian(tuple[5..]));
        Assert.Equal(loopback, BinaryPrimitives.ReadUInt32LittleEndian(tuple[7..]));
        Assert.Equal(port, BinaryPrimitives.ReadUInt16LittleEndian(tuple[11..]));
        Assert.Equal(fd, connect.Int64(2));
        var addr = connect.Param(3);
        Assert.Equal(7, addr.Length);
        Assert.Equal(2, addr[0]);
        Assert.Equal(loopback, BinaryPrimitives.ReadUInt32LittleEndian(addr[1..]));
        Assert.Equal(port, BinaryPrimitives.ReadUInt16LittleEndian(addr[5..]));
    }

    [KernelFact]
    public void Each_getppid_must_give_one_generic_event_inside_its_call()
    {
        for (var i = 0; i < 3; i++)
        {
            var view = FrameReading.View(_run.Within("PPME_GENERIC_X", _run.Call("getppid", i)));
            Assert.Equal(41, view.UInt16(0)); // PPM_SC_GETPPID
            Assert.Equal(NativeSyscalls.NumberOf("getppid"), view.UInt16(1));
        }
    }

    [KernelFact]
    public void Fork_must_give_a_clone_event_in_parent_and_child_and_a_procexit_with_the_exit_code()
    {
        var fork = _run.Call("fork");
        var child = fork.Result;
        var parent = FrameReading.View(_run.Within("PPME_SYSCALL_CLONE_20_X", fork));
        Assert.Equal(child, parent.Int64(0));
        Assert.Equal("capture_testprog", Path.GetFileName(parent.Text(1)));
        Assert.Equal(_run.Pid, parent.Int64(3));
        Assert.Equal(_run.Pid, parent.Int64(4));
        Assert.Equal("capture_testpro", parent.Text(13)); // comm, 15 characters
        Assert.Equal(0x800000u | 0x1000000u, parent.UInt32(15)); // CHILD_CLEARTID|CHILD_SETTID, as glibc's fork asks

        var inChild = Assert.Single(_run.Events("PPME_SYSCALL_CLONE_20_X", child));
        var childView = FrameReading.View(inChild);
        Assert.Equal(0, childView.Int64(0));
        Assert.Equal(child, childView.Int64(3));
        Assert.Equal(child, childView.Int64(4));
        Assert.Equal(_run.Pid, childView.Int64(5));

        // the child returns from clone on its own schedule: after the call began, before it exits
        var exit = FrameReading.View(Assert.Single(_run.Events("PPME_PROCEXIT_1_E", child)));
        Assert.InRange(childView.Timestamp, fork.Before, exit.Timestamp);
        Assert.Equal(7 << 8, exit.Int64(0));
        Assert.Equal(7, exit.Int64(1));
        Assert.Equal(0, exit.Param(2)[0]);
    }

    [KernelFact]
    public void Execve_must_carry_the_new_image_its_arguments_and_the_file_name()
    {
        // from just before execve to the first thing the new image does (the spawn of the test
        // program by this process was an execve of the same pid too, earlier)
        var window = new KnownCall("execve", _run.Call("execve").Before, _run.Call("exec-child").Before, 0, []);
        var view = FrameReading.View(_run.Within("PPME_SYSCALL_EXECVE_19_X", window));
        Assert.Equal(0, view.Int64(0));
        Assert.Equal("capture_testprog", view.Text(1));
        Assert.Equal("exec-child\0alpha\0beta\0"u8.ToArray(), view.Param(2).ToArray());
        Assert.Equal(_run.Pid, view.Int64(3));
        Assert.Equal("CAPTURE_TESTPROG=1\0"u8.ToArray(), view.Param(15).ToArray());
        Assert.Equal("/proc/self/exe", view.Text(30));

        // The image's inode and times as stat(1) gives them (the ctime without the flag bit
        // that kernels with multigrain timestamps keep in its nanoseconds).
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%i %.9Z %.9Y", TestProgram.Path]) { RedirectStandardOutput = true })!;
        var fields = stat.StandardOutput.ReadToEnd().Trim().Split(' ');
        static ulong Ns(string seconds) => ulong.Parse(seconds.Replace(".", ""));
        Assert.Equal(ulong.Parse(fields[0]), view.UInt64(23));
        Assert.Equal(Ns(fields[1]), view.UInt64(24));
        Assert.Equal(Ns(fields[2]), view.UInt64(25));
    }

    [KernelFact]
    public void Syscalls_outside_the_interest_set_must_produce_no_events()
    {
        // testprog also binds, listens and asks for the socket name, none of which is traced
        var traced = NativeSyscalls.NumbersOf(Traced.Split(' ')).ToHashSet();
        var frames = _run.Frames.Where(f => FrameReading.ThreadIdOf(f) == (ulong)_run.Pid).ToList();
        Assert.NotEmpty(frames);
        foreach (var frame in frames)
        {
            var view = FrameReading.View(frame);
            Assert.DoesNotContain(view.Info.EnumName, (string[])["PPME_SOCKET_BIND_X", "PPME_SOCKET_LISTEN_X"]);
            if (view.Info.EnumName == "PPME_GENERIC_X") Assert.Contains((int)view.UInt16(1), traced);
        }
    }

    [KernelFact]
    public void The_capture_process_itself_must_produce_no_events()
    {
        Assert.NotEmpty(_run.Frames);
        Assert.DoesNotContain(_run.Frames, f => _run.OwnThreads.Contains(FrameReading.ThreadIdOf(f)));
    }
}
