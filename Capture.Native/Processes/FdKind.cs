namespace Capture.Native.Processes;

/// <summary>
/// What an open file descriptor refers to, numbered as scap fd-list records number it
/// (scap_fd_type), so a reader can pass the record's type straight through.
/// </summary>
public enum FdKind : byte
{
    Unknown = 0,
    File = 1,
    Directory = 2,
    Ipv4Socket = 3,
    Ipv6Socket = 4,
    Ipv4ServerSocket = 5,
    Ipv6ServerSocket = 6,
    Fifo = 7,
    UnixSocket = 8,
    Event = 9,
    Unsupported = 10,
    SignalFd = 11,
    EventPoll = 12,
    Inotify = 13,
    TimerFd = 14,
    Netlink = 15,
    /// <summary>A file with open flags and device; the newest kind the 2022 reader understands.</summary>
    FileV2 = 16,
    Bpf = 17,
    UserFaultFd = 18,
    IoUring = 19,
    MemFd = 20,
    PidFd = 21,
}

public static class FdKindText
{
    /// <summary>The letter sysdig prints between angle brackets: <c>fd=3(&lt;f&gt;/etc/passwd)</c>.</summary>
    public static byte TypeChar(this FdKind kind) => kind switch
    {
        FdKind.File or FdKind.FileV2 => (byte)'f',
        FdKind.Directory => (byte)'d',
        FdKind.Ipv4Socket or FdKind.Ipv4ServerSocket => (byte)'4',
        FdKind.Ipv6Socket or FdKind.Ipv6ServerSocket => (byte)'6',
        FdKind.Fifo => (byte)'p',
        FdKind.UnixSocket => (byte)'u',
        FdKind.Event => (byte)'e',
        FdKind.Unknown => (byte)'o',
        FdKind.Unsupported => (byte)'X',
        FdKind.SignalFd => (byte)'s',
        FdKind.EventPoll => (byte)'l',
        FdKind.Inotify => (byte)'i',
        FdKind.TimerFd => (byte)'t',
        FdKind.Netlink => (byte)'n',
        FdKind.UserFaultFd => (byte)'u',
        FdKind.IoUring => (byte)'r',
        FdKind.PidFd => (byte)'P',
        _ => (byte)'?',
    };

    /// <summary>Only IP sockets carry the transport letter (t, u, i, r) after the kind.</summary>
    public static bool IsIpSocket(this FdKind kind) =>
        kind is FdKind.Ipv4Socket or FdKind.Ipv6Socket or FdKind.Ipv4ServerSocket or FdKind.Ipv6ServerSocket;
}
