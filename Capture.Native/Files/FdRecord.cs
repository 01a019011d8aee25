using Capture.Native.Processes;
namespace Capture.Native.Files;

/// <summary>
/// One open fd of a thread from an fd-list block. <see cref="Name"/> is the path for files,
/// the socket path for unix sockets and "addr:port-&gt;addr:port" (or "addr:port" for a
/// listening socket) for inet sockets.
/// </summary>
public sealed record FdRecord(long Tid, long Fd, ulong Inode, FdKind Type, string Name)
{
    /// <summary>Open flags of a <see cref="FdKind.FileV2"/> entry (libs' PPM_O_* encoding), 0 otherwise.</summary>
    public uint OpenFlags { get; init; }

    /// <summary>Device number of a <see cref="FdKind.FileV2"/> entry, 0 otherwise.</summary>
    public uint Device { get; init; }

    /// <summary>
    /// The type-specific bytes exactly as a file held them (addresses, ports, flags, name), so a
    /// writer can copy an entry it cannot build from the fields above. Null for entries built in code.
    /// </summary>
    internal byte[]? Detail { get; init; }
}
