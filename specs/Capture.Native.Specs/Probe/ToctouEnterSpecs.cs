using System.Buffers.Binary;
using System.Net;
using Capture.Native.Events;
using Capture.Native.Probe;

namespace Capture.Native.Specs.Probe;

/// <summary>
/// The TOCTOU enter events (connect, creat, open, openat, openat2): one per call of the test
/// program, with the arguments as the kernel saw them at entry, stamped inside the call and
/// before its exit event. "calls" makes openat, open and connect; "tour" makes creat and
/// openat2. A second run without those syscalls in the interest set must give none.
/// </summary>
public sealed class ToctouEnterSpecs : IClassFixture<ToctouEnterSpecs.Runs>
{
    static readonly string[] EnterEvents =
        ["PPME_SOCKET_CONNECT_E", "PPME_SYSCALL_CREAT_E", "PPME_SYSCALL_OPEN_E", "PPME_SYSCALL_OPENAT_2_E", "PPME_SYSCALL_OPENAT2_E"];

    public sealed class Runs : IDisposable
    {
        public Runs()
        {
            if (ProbeAvailability.Missing is not null) return;
            Directory = System.IO.Directory.CreateTempSubdirectory("capture-toctou-");
            using (var probe = ModernProbe.Load(new ProbeSettings { EnterEvents = true, Interest = NativeSyscalls.NumbersOf("connect", "creat", "open", "openat", "openat2", "socket") }))
            using (var captured = new CapturedEvents(probe))
            {
                probe.Attach();
                Missing = probe.MissingEnterEvents;
                Calls = TestProgram.Run(out var callsPid, "calls", Directory.FullName);
                CallsPid = callsPid;
                Tour = TestProgram.Run(out var tourPid, "tour", Directory.FullName);
                TourPid = tourPid;
                // this process opens a file and connects too; none of it may be captured
                File.ReadAllBytes("/proc/self/stat");
                using (var own = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp))
                    try { own.Connect(IPAddress.Loopback, 1); } catch (System.Net.Sockets.SocketException) { }
                OwnThreads = System.IO.Directory.GetDirectories("/proc/self/task").Select(d => ulong.Parse(Path.GetFileName(d))).ToHashSet();
                probe.Detach();
                Frames = captured.StopAndCollect();
            }
            using (var probe = ModernProbe.Load(new ProbeSettings { EnterEvents = true, Interest = NativeSyscalls.NumbersOf("close", "write") }))
            using (var captured = new CapturedEvents(probe))
            {
                probe.Attach();
                TestProgram.Run(out var pid, "calls", Directory.FullName);
                UninterestedPid = pid;
                probe.Detach();
                UninterestedFrames = captured.StopAndCollect();
            }
        }

        public DirectoryInfo? Directory { get; }
        public IReadOnlyList<MissingEnterEvent> Missing { get; } = [];
        public IReadOnlyList<KnownCall> Calls { get; } = [];
        public IReadOnlyList<KnownCall> Tour { get; } = [];
        public int CallsPid { get; }
        public int TourPid { get; }
        public int UninterestedPid { get; }
        public HashSet<ulong> OwnThreads { get; } = [];
        public IReadOnlyList<byte[]> Frames { get; } = [];
        public IReadOnlyList<byte[]> UninterestedFrames { get; } = [];

        public void Dispose() => Directory?.Delete(recursive: true);
    }

    readonly Runs _runs;

    public ToctouEnterSpecs(Runs runs) => _runs = runs;

    /// <summary>
    /// The one enter event of <paramref name="call"/>'s syscall from <paramref name="pid"/>:
    /// exactly one of that type inside the call, and before the call's one exit event.
    /// </summary>
    EventView EnterOf(string enter, string exit, KnownCall call, int pid)
    {
        Assert.Empty(_runs.Missing);
        var frames = _runs.Frames.Where(f => FrameReading.ThreadIdOf(f) == (ulong)pid)
            .Where(f => FrameReading.View(f).Timestamp >= call.Before && FrameReading.View(f).Timestamp <= call.After).ToList();
        var enterView = FrameReading.View(Assert.Single(frames, f => FrameReading.View(f).Info.EnumName == enter));
        var exitView = FrameReading.View(Assert.Single(frames, f => FrameReading.View(f).Info.EnumName == exit));
        Assert.True(enterView.Timestamp <= exitView.Timestamp, $"{enter} at {enterView.Timestamp} after {exit} at {exitView.Timestamp}");
        return enterView;
    }

    [KernelFact]
    public void All_five_enter_programs_must_attach_where_tracefs_is_mounted() => Assert.Empty(_runs.Missing);

    [KernelFact]
    public void Openat_must_give_one_enter_event_with_dirfd_path_portable_flags_and_mode()
    {
        var view = EnterOf("PPME_SYSCALL_OPENAT_2_E", "PPME_SYSCALL_OPENAT_2_X", _runs.Calls.First(c => c.Name == "openat"), _runs.CallsPid);
        Assert.Equal(4, view.ParamCount);
        Assert.Equal(-100, view.Int64(0)); // AT_FDCWD
        Assert.Equal(Path.Combine(_runs.Directory!.FullName, "known-file"), view.Text(1));
        Assert.Equal(0x100u | 0x4 | 0x2, view.UInt32(2)); // O_TRUNC|O_CREAT|O_WRONLY; O_F_CREATED is known only at exit
        Assert.Equal(Convert.ToUInt32("640", 8), view.UInt32(3));
    }

    [KernelFact]
    public void Open_must_give_one_enter_event_with_path_flags_and_no_mode()
    {
        var view = EnterOf("PPME_SYSCALL_OPEN_E", "PPME_SYSCALL_OPEN_X", _runs.Calls.First(c => c.Name == "open"), _runs.CallsPid);
        Assert.Equal(3, view.ParamCount);
        Assert.Equal(Path.Combine(_runs.Directory!.FullName, "known-file"), view.Text(0));
        Assert.Equal(1u, view.UInt32(1)); // O_RDONLY
        Assert.Equal(0u, view.UInt32(2));
    }

    [KernelFact]
    public void Connect_must_give_one_enter_event_with_the_fd_and_the_address_asked_for()
    {
        var view = EnterOf("PPME_SOCKET_CONNECT_E", "PPME_SOCKET_CONNECT_X", _runs.Calls.First(c => c.Name == "connect"), _runs.CallsPid);
        Assert.Equal(2, view.ParamCount);
        Assert.Equal(_runs.Calls.First(c => c.Name == "socket").Result, view.Int64(0));
        var port = ushort.Parse(_runs.Calls.Single(c => c.Name == "port").Fields[1]);
        var addr = view.Param(1);
        Assert.Equal(7, addr.Length);
        Assert.Equal(2, addr[0]); // AF_INET
        Assert.Equal(BinaryPrimitives.ReadUInt32LittleEndian(IPAddress.Loopback.GetAddressBytes()), BinaryPrimitives.ReadUInt32LittleEndian(addr[1..]));
        Assert.Equal(port, BinaryPrimitives.ReadUInt16LittleEndian(addr[5..]));
    }

    [KernelFact]
    public void Creat_must_give_one_enter_event_with_path_and_mode()
    {
        var view = EnterOf("PPME_SYSCALL_CREAT_E", "PPME_SYSCALL_CREAT_X", _runs.Tour.First(c => c.Name == "creat"), _runs.TourPid);
        Assert.Equal(2, view.ParamCount);
        Assert.Equal(Path.Combine(_runs.Directory!.FullName, "tour-a"), view.Text(0));
        Assert.Equal(Convert.ToUInt32("600", 8), view.UInt32(1));
    }

    [KernelFact]
    public void Openat2_must_give_one_enter_event_with_dirfd_path_flags_mode_and_resolve()
    {
        var view = EnterOf("PPME_SYSCALL_OPENAT2_E", "PPME_SYSCALL_OPENAT2_X", _runs.Tour.First(c => c.Name == "openat2"), _runs.TourPid);
        Assert.Equal(5, view.ParamCount);
        Assert.Equal(-100, view.Int64(0));
        Assert.Equal(Path.Combine(_runs.Directory!.FullName, "tour-a"), view.Text(1));
        Assert.Equal(3u, view.UInt32(2)); // O_RDWR
        Assert.Equal(0u, view.UInt32(3));
        Assert.Equal(0x8u, view.UInt32(4)); // RESOLVE_NO_SYMLINKS
    }

    [KernelFact]
    public void Syscalls_outside_the_interest_set_must_give_no_enter_events()
    {
        var names = _runs.UninterestedFrames.Where(f => FrameReading.ThreadIdOf(f) == (ulong)_runs.UninterestedPid)
            .Select(f => FrameReading.View(f).Info.EnumName).ToList();
        Assert.Contains("PPME_SYSCALL_CLOSE_X", names);
        Assert.DoesNotContain(names, EnterEvents.Contains);
    }

    [KernelFact]
    public void Without_asking_for_them_the_probe_must_send_no_enter_events()
    {
        // Off by default: they cost about half a microsecond per open, which the overhead goal cannot afford.
        using var probe = ModernProbe.Load(new ProbeSettings { Interest = NativeSyscalls.NumbersOf("openat", "connect", "close") });
        using var captured = new CapturedEvents(probe);
        probe.Attach();
        TestProgram.Run(out var pid, "calls", _runs.Directory!.FullName);
        probe.Detach();
        var names = captured.StopAndCollect().Where(f => FrameReading.ThreadIdOf(f) == (ulong)pid)
            .Select(f => FrameReading.View(f).Info.EnumName).ToList();
        Assert.Contains("PPME_SYSCALL_OPENAT_2_X", names);
        Assert.DoesNotContain(names, EnterEvents.Contains);
        Assert.Empty(probe.MissingEnterEvents);
    }

    [KernelFact]
    public void The_capture_process_itself_must_give_no_enter_events()
    {
        Assert.NotEmpty(_runs.OwnThreads);
        Assert.DoesNotContain(_runs.Frames, f => _runs.OwnThreads.Contains(FrameReading.ThreadIdOf(f)));
    }

    [KernelFact]
    public void The_probe_must_load_and_capture_without_enter_events_when_tracefs_is_missing()
    {
        using var probe = ModernProbe.Load(new ProbeSettings { EnterEvents = true, Interest = NativeSyscalls.NumbersOf("openat", "close") });
        probe.TracefsRoots = ["/nonexistent-capture/tracing"];
        using var captured = new CapturedEvents(probe);
        probe.Attach();
        TestProgram.Run(out var pid, "loop", "openclose", "10");
        probe.Detach();
        var frames = captured.StopAndCollect().Where(f => FrameReading.ThreadIdOf(f) == (ulong)pid).ToList();

        Assert.Equal(["connect", "creat", "open", "openat", "openat2"], probe.MissingEnterEvents.Select(m => m.Syscall));
        Assert.All(probe.MissingEnterEvents, m => Assert.Contains("tracefs is not mounted", m.Reason));
        Assert.Contains("connect, creat, open, openat, openat2: tracefs is not mounted", probe.EnterEventsWarning);
        Assert.Equal(10, frames.Count(f => FrameReading.View(f).Info.EnumName == "PPME_SYSCALL_OPENAT_2_X" && FrameReading.View(f).Text(2) == "/dev/null"));
        Assert.DoesNotContain(frames, f => FrameReading.View(f).Info.EnumName == "PPME_SYSCALL_OPENAT_2_E");
    }
}
