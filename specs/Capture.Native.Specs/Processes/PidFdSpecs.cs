using System.Text;
using Capture.Native.Processes;
using Capture.Native.Schema;
using Capture.Native.Specs.Formatting;

namespace Capture.Native.Specs.Processes;

/// <summary>
/// pidfd_open and pidfd_getfd in the thread table, as libsinsp's parser treats them: a
/// pidfd is a descriptor of its own kind named /proc/PID, and pidfd_getfd gives the caller
/// the target process's entry for the fd it took.
/// </summary>
public sealed class PidFdSpecs
{
    const long Caller = 4100;
    const long Target = 4200;

    static ThreadTable WithTwoProcesses()
    {
        var threads = new ThreadTable();
        threads.Add(new ThreadEntry(Caller, Caller, 1, "gdb", "/usr/bin/gdb", "/usr/bin/gdb", [], "/root", 0, 0));
        threads.Add(new ThreadEntry(Target, Target, 1, "cat", "/bin/cat", "/bin/cat", [], "/tmp", 0, 0));
        threads.AddFd(Target, 3, new FdEntry(FdKind.File, 0, "/etc/hostname"u8.ToArray()));
        return threads;
    }

    static void Observe(ThreadTable threads, byte[] frame) => threads.Observe(FrameBuilder.View(frame));

    static byte[] PidFdOpen(long result, long pid) =>
        new FrameBuilder(EventIds.PPME_SYSCALL_PIDFD_OPEN_X, tid: Caller).I64(result).I64(pid).U32(0).Build();

    static byte[] PidFdGetFd(long result, long pidFd, long targetFd) =>
        new FrameBuilder(EventIds.PPME_SYSCALL_PIDFD_GETFD_X, tid: Caller).I64(result).I64(pidFd).I64(targetFd).U32(0).Build();

    static FdEntry? Fd(ThreadTable threads, long fd) => threads.FindFd(threads.Find(Caller)!, fd);

    [Fact]
    public void Pidfd_open_adds_a_pidfd_named_after_the_process()
    {
        var threads = WithTwoProcesses();
        Observe(threads, PidFdOpen(5, Target));
        var pidfd = Fd(threads, 5)!;
        Assert.Equal(FdKind.PidFd, pidfd.Kind);
        Assert.Equal("/proc/4200", Encoding.UTF8.GetString(pidfd.Name));
        Assert.Equal(Target, pidfd.Pid);
    }

    [Fact]
    public void A_failed_pidfd_open_adds_nothing()
    {
        var threads = WithTwoProcesses();
        Observe(threads, PidFdOpen(-3, Target));
        Assert.Null(Fd(threads, -3));
    }

    [Fact]
    public void Pidfd_getfd_gives_the_new_fd_the_targets_entry()
    {
        var threads = WithTwoProcesses();
        Observe(threads, PidFdOpen(5, Target));
        Observe(threads, PidFdGetFd(6, 5, 3));
        Assert.Same(threads.FindFd(threads.Find(Target)!, 3), Fd(threads, 6));
    }

    [Fact]
    public void Pidfd_getfd_through_an_fd_that_is_no_pidfd_or_of_an_unknown_target_fd_adds_nothing()
    {
        var threads = WithTwoProcesses();
        threads.AddFd(Caller, 4, new FdEntry(FdKind.File, 0, "/etc/passwd"u8.ToArray()));
        Observe(threads, PidFdGetFd(6, 4, 3));
        Observe(threads, PidFdOpen(5, Target));
        Observe(threads, PidFdGetFd(7, 5, 9));
        Assert.Null(Fd(threads, 6));
        Assert.Null(Fd(threads, 7));
    }
}
