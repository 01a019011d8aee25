using Capture.Native.Probe;
using Capture.Native.Schema;

namespace Capture.Native.Specs.Probe;

/// <summary>
/// driver/testprog's "tour" makes one call of every syscall the probe has a dedicated
/// filler for (the ones "calls" does not already cover). Each must come back as the
/// current libs exit event for that syscall, well-formed, with every parameter the schema
/// lists, inside the call, carrying the call's result.
/// </summary>
public sealed class FillerTourSpecs : IClassFixture<FillerTourSpecs.Tour>
{
    public sealed class Tour : IDisposable
    {
        public Tour()
        {
            if (ProbeAvailability.Missing is not null) return;
            Directory = System.IO.Directory.CreateTempSubdirectory("capture-tour-");
            using var probe = ModernProbe.Load(new ProbeSettings());
            using var captured = new CapturedEvents(probe);
            probe.Attach();
            Calls = TestProgram.Run(out var pid, "tour", Directory.FullName).Where(c => c.Name != "pid").ToArray();
            Pid = pid;
            probe.Detach();
            var frames = captured.StopAndCollect();
            Frames = frames.Where(f => FrameReading.ThreadIdOf(f) == (ulong)pid).ToArray();
            var child = (ulong)Calls.Single(c => c.Name == "vfork").Result;
            ChildFrames = frames.Where(f => FrameReading.ThreadIdOf(f) == child).ToArray();
        }

        public DirectoryInfo? Directory { get; }
        public IReadOnlyList<KnownCall> Calls { get; } = [];
        public int Pid { get; }
        public IReadOnlyList<byte[]> Frames { get; } = [];

        /// <summary>The events of the child the tour's vfork made.</summary>
        public IReadOnlyList<byte[]> ChildFrames { get; } = [];

        public void Dispose() => Directory?.Delete(recursive: true);
    }

    readonly Tour _tour;

    public FillerTourSpecs(Tour tour) => _tour = tour;

    public static TheoryData<string> Syscalls() =>
    [
        "mkdir", "rename", "renameat", "renameat2", "rmdir", "mkdirat", "chdir", "fchdir", "unlinkat", "chroot",
        "creat", "link", "unlink", "linkat", "symlink", "symlinkat", "chmod", "fchmod", "fchmodat", "chown",
        "fchown", "fchownat", "pwrite", "openat2", "pread", "writev", "lseek", "readv", "dup", "dup2", "dup3",
        "fcntl", "ioctl", "pipe", "pipe2", "sendfile", "splice", "eventfd2", "memfd_create", "socketpair",
        "sendto", "recvfrom", "sendmsg", "recvmsg", "shutdown", "setsockopt", "getsockopt", "bind", "listen",
        "accept", "accept4", "mmap", "mprotect", "munmap", "brk", "poll", "ppoll", "select", "epoll_wait",
        "nanosleep", "futex", "kill", "tkill", "tgkill", "setuid", "setgid", "setresuid", "setresgid", "capset",
        "prctl", "ptrace", "unshare", "setns", "bpf", "seccomp", "setrlimit", "prlimit", "mount", "umount2",
        "execve", "execveat", "vfork",
    ];

    [KernelTheory]
    [MemberData(nameof(Syscalls))]
    public void Each_filler_must_emit_its_current_libs_exit_event_with_the_result_of_the_call(string syscall)
    {
        var expected = EventTable.All.ToArray().Single(e => e.Name == syscall && e.Direction == EventDirection.Exit
            && (e.Flags & (EventFlags.OLD_VERSION | EventFlags.UNUSED)) == 0);
        var calls = _tour.Calls.Where(c => c.Name == syscall).ToList();
        Assert.NotEmpty(calls);
        foreach (var call in calls)
        {
            var inside = _tour.Frames.Where(f =>
            {
                var view = FrameReading.View(f);
                return view.Type == expected.Id && view.Timestamp >= call.Before && view.Timestamp <= call.After;
            }).ToList();
            var frame = Assert.Single(inside);
            var view = FrameReading.View(frame);
            Assert.Equal(expected.Params.Length, view.ParamCount);
            Assert.Equal(call.Result, view.Int64(0));
        }
    }

    /// <summary>
    /// Flag and enum parameters in libs' portable encodings (driver/schema/flags.schema),
    /// not the kernel's numbers the tour passed: (event name, parameter, expected raw value).
    /// </summary>
    public static TheoryData<string, string, ulong> PortableValues() => new()
    {
        { "fcntl", "cmd", 4 },                 // F_GETFL (kernel 3)
        { "dup3", "flags", 0x1000 },           // O_CLOEXEC (kernel 02000000)
        { "pipe2", "flags", 0x1000 },          // O_CLOEXEC
        { "openat2", "flags", 3 },             // O_RDWR (kernel 2)
        { "openat2", "resolve", 0x8 },         // RESOLVE_NO_SYMLINKS
        { "fchownat", "flags", 0x400 },        // AT_SYMLINK_NOFOLLOW (kernel 0x100)
        { "unlinkat", "flags", 0x200 },        // AT_REMOVEDIR
        { "eventfd2", "flags", 0x1000 },       // EFD_CLOEXEC as O_CLOEXEC
        { "memfd_create", "flags", 1 },        // MFD_CLOEXEC
        { "mmap", "prot", 3 },                 // PROT_READ|PROT_WRITE
        { "mmap", "flags", 0x2 | 0x8 },        // MAP_PRIVATE|MAP_ANONYMOUS (kernel 0x02|0x20)
        { "mprotect", "prot", 1 },             // PROT_READ
        { "shutdown", "how", 1 },              // SHUT_WR
        { "setsockopt", "level", 1 },          // SOL_SOCKET
        { "setsockopt", "optname", 2 },        // SO_REUSEADDR
        { "ptrace", "request", 3 },            // PTRACE_PEEKDATA (kernel 2)
        { "prlimit", "resource", 7 },          // RLIMIT_NOFILE
        { "setrlimit", "resource", 7 },
        { "socketpair", "domain", 1 },         // AF_UNIX
        { "lseek", "whence", 0 },              // SEEK_SET
        { "mkdir", "mode", 0x1ed },            // 0755
        { "chmod", "mode", 0x1a4 },            // 0644
        { "prctl", "option", 15 },             // PR_SET_NAME
        { "futex", "op", 0x81 },               // FUTEX_WAKE|FUTEX_PRIVATE_FLAG
        { "vfork", "flags", 0 },               // no flags argument, so none (as libs), not even CLONE_VM
        { "prlimit", "newcur", 0 },            // no new limit given: 0, as libs
        { "prlimit", "newmax", 0 },
        { "accept", "queuemax", 0 },           // a failed accept (EAGAIN) reports no queue, as libs
        { "accept4", "queuemax", 0 },
    };

    [KernelTheory]
    [MemberData(nameof(PortableValues))]
    public void Flag_parameters_must_carry_libs_portable_encoding(string syscall, string param, ulong expected)
    {
        var info = EventTable.All.ToArray().Single(e => e.Name == syscall && e.Direction == EventDirection.Exit
            && (e.Flags & (EventFlags.OLD_VERSION | EventFlags.UNUSED)) == 0);
        var index = Array.FindIndex(info.Params, p => p.Name == param);
        Assert.True(index >= 0, $"{info.EnumName} has no parameter '{param}'");
        var call = _tour.Calls.First(c => c.Name == syscall);
        var frame = _tour.Frames.Single(f =>
        {
            var view = FrameReading.View(f);
            return view.Type == info.Id && view.Timestamp >= call.Before && view.Timestamp <= call.After;
        });
        var raw = FrameReading.View(frame).Param(index);
        var value = 0UL;
        for (var i = raw.Length - 1; i >= 0; i--) value = value << 8 | raw[i];
        Assert.Equal(expected, value);
    }

    /// <summary>
    /// The child's side of a clone reports when the init of its pid namespace started, as the
    /// kernel keeps it (monotonic ns since boot; readers add the boot time). Here that init is
    /// pid 1, whose start /proc/1/stat gives in clock ticks.
    /// </summary>
    [KernelFact]
    public void A_clone_child_must_report_its_pid_namespace_init_start_in_ns_since_boot()
    {
        var info = EventTable.All.ToArray().Single(e => e.EnumName == "PPME_SYSCALL_VFORK_20_X");
        var index = Array.FindIndex(info.Params, p => p.Name == "pidns_init_start_ts");
        var view = FrameReading.View(Assert.Single(_tour.ChildFrames, f => FrameReading.View(f).Type == info.Id));
        Assert.Equal(0, view.Int64(0));
        var stat = File.ReadAllText("/proc/1/stat");
        var ticks = ulong.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19]); // field 22, starttime
        const ulong NanosecondsPerTick = 10_000_000; // USER_HZ is 100 on Linux
        var reported = view.UInt64(index);
        Assert.InRange(reported, ticks * NanosecondsPerTick, (ticks + 1) * NanosecondsPerTick);
    }
}
