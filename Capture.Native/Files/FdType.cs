namespace Capture.Native.Files;

/// <summary>The kind of an open fd as the fd-list block records it (libscap's scap_fd_type numbers).</summary>
public enum FdType : byte
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
    /// <summary>A file with open flags and device; the newest type the 2022 reader understands.</summary>
    FileV2 = 16,
    Bpf = 17,
    UserFaultFd = 18,
    IoUring = 19,
    MemFd = 20,
    PidFd = 21,
}
