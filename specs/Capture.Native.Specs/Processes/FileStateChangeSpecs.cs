using System.Text;
using Capture.Native.Processes;
using Capture.Native.Schema;
using Capture.Native.Specs.Formatting;

namespace Capture.Native.Specs.Processes;

/// <summary>
/// What the exits of userfaultfd, io_uring_setup, close_range and getcwd change in the
/// thread table, as libsinsp's parser changes its own.
/// </summary>
public sealed class FileStateChangeSpecs
{
    const long Shell = 3200;

    static ThreadTable WithShell()
    {
        var threads = new ThreadTable();
        threads.Add(new ThreadEntry(Shell, Shell, 1, "bash", "/bin/bash", "/bin/bash", [], "/home/ubuntu", 1000, 1000));
        return threads;
    }

    static void Observe(ThreadTable threads, FrameBuilder frame) => threads.Observe(FrameBuilder.View(frame.Build()));

    static FdEntry? Fd(ThreadTable threads, long fd) => threads.FindFd(threads.Find(Shell)!, fd);

    static FrameBuilder CloseRange(long result, uint first, uint last, uint flags) =>
        new FrameBuilder(EventIds.PPME_SYSCALL_CLOSE_RANGE_X, tid: Shell).I64(result).U32(first).U32(last).U32(flags);

    [Fact]
    public void Userfaultfd_and_io_uring_setup_add_their_descriptor_with_sysdigs_letter()
    {
        var threads = WithShell();
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_USERFAULTFD_X, tid: Shell).I64(7).U32(0));
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_IO_URING_SETUP_X, tid: Shell)
            .I64(8).U32(4).U32(4).U32(8).U32(0).U32(0).U32(0).U32(0));
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_IO_URING_SETUP_X, tid: Shell)
            .I64(-22).U32(0).U32(0).U32(0).U32(0).U32(0).U32(0).U32(0));
        Assert.Equal((byte)'u', Fd(threads, 7)!.Kind.TypeChar());
        Assert.Equal(FdKind.UserFaultFd, Fd(threads, 7)!.Kind);
        Assert.Equal((byte)'r', Fd(threads, 8)!.Kind.TypeChar());
        Assert.Equal(FdKind.IoUring, Fd(threads, 8)!.Kind);
    }

    [Fact]
    public void Close_range_removes_the_descriptors_in_its_range_unless_it_only_sets_close_on_exec()
    {
        var threads = WithShell();
        foreach (var fd in new long[] { 3, 4, 5, 9 }) threads.AddFd(Shell, fd, new FdEntry(FdKind.File, 0, "/x"u8.ToArray()));
        Observe(threads, CloseRange(0, 3, 9, flags: 0x4)); // CLOSE_RANGE_CLOEXEC
        Assert.NotNull(Fd(threads, 3));
        Observe(threads, CloseRange(-22, 3, 9, flags: 0));
        Assert.NotNull(Fd(threads, 3));
        Observe(threads, CloseRange(0, 4, 5, flags: 0));
        Assert.NotNull(Fd(threads, 3));
        Assert.Null(Fd(threads, 4));
        Assert.Null(Fd(threads, 5));
        Observe(threads, CloseRange(0, 6, uint.MaxValue, flags: 0));
        Assert.Null(Fd(threads, 9));
        Assert.NotNull(Fd(threads, 3));
    }

    [Fact]
    public void Getcwd_sets_the_working_directory_it_returned()
    {
        var threads = WithShell();
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_GETCWD_X, tid: Shell).I64(9).Str("/var/tmp"));
        Assert.Equal("/var/tmp/", Encoding.UTF8.GetString(threads.CwdOf(threads.Find(Shell)!)));
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_GETCWD_X, tid: Shell).I64(-34).Empty());
        Assert.Equal("/var/tmp/", Encoding.UTF8.GetString(threads.CwdOf(threads.Find(Shell)!)));
    }
}
