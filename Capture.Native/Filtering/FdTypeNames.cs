using Capture.Native.Processes;

namespace Capture.Native.Filtering;

/// <summary>
/// fd.type values, as libsinsp names a descriptor's kind. A kind it has no name for is the
/// text &lt;NA&gt; (a value, not a missing field: the line still prints).
/// </summary>
static class FdTypeNames
{
    static readonly byte[][] s_names = Enumerable.Range(0, 256).Select(k => System.Text.Encoding.UTF8.GetBytes(Name((FdKind)k))).ToArray();

    public static byte[] Of(FdKind kind) => s_names[(byte)kind];

    static string Name(FdKind kind) => kind switch
    {
        FdKind.File or FdKind.FileV2 => "file",
        FdKind.Directory => "directory",
        FdKind.Ipv4Socket or FdKind.Ipv4ServerSocket => "ipv4",
        FdKind.Ipv6Socket or FdKind.Ipv6ServerSocket => "ipv6",
        FdKind.UnixSocket => "unix",
        FdKind.Fifo => "pipe",
        FdKind.Event => "event",
        FdKind.SignalFd => "signalfd",
        FdKind.EventPoll => "eventpoll",
        FdKind.Inotify => "inotify",
        FdKind.TimerFd => "timerfd",
        FdKind.Netlink => "netlink",
        FdKind.Bpf => "bpf",
        FdKind.UserFaultFd => "userfaultfd",
        FdKind.IoUring => "io_uring",
        FdKind.MemFd => "memfd",
        FdKind.PidFd => "pidfd",
        _ => "<NA>",
    };
}
