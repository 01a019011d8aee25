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
            Frames = captured.StopAndCollect().Where(f => FrameReading.ThreadIdOf(f) == (ulong)pid).ToArray();
        }

        public DirectoryInfo? Directory { get; }
        public IReadOnlyList<KnownCall> Calls { get; } = [];
        public int Pid { get; }
        public IReadOnlyList<byte[]> Frames { get; } = [];

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
}
