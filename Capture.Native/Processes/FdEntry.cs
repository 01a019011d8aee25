namespace Capture.Native.Processes;

/// <summary>
/// One open file descriptor as sysdig renders it: its kind, for IP sockets the transport
/// letter sysdig prints after the kind (<c>t</c>cp, <c>u</c>dp, <c>i</c>cmp, <c>r</c>aw;
/// 0 when not shown), and its name (path or addresses) as UTF-8 bytes, so that rendering
/// copies without encoding.
/// </summary>
public sealed record FdEntry(FdKind Kind, byte Transport, byte[] Name)
{
    /// <summary>
    /// The transport a socket was created with. sysdig shows it only once the socket has
    /// addresses (after connect, accept, or bind to a port), so it waits here until then.
    /// </summary>
    public byte SocketTransport { get; init; }

    /// <summary>
    /// Which end of a connectionless exchange this socket is, as sysdig guesses it: the client
    /// connects or sends first, the server receives first. Its name reads client->server.
    /// </summary>
    public SocketRole Role { get; init; }

    /// <summary>
    /// An IP socket that libsinsp 0.29.3 takes for connected (fd.connected): a connect that
    /// succeeded or is in progress, an accepted one, one that moved data, a TCP one listed at
    /// the start. Nothing clears it.
    /// </summary>
    public bool Connected { get; init; }

    /// <summary>For a pidfd, the process it refers to.</summary>
    public long Pid { get; init; }
}

public enum SocketRole : byte
{
    None,
    Client,
    Server,
}
