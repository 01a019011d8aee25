using System.Buffers.Binary;
using System.Globalization;
using Capture.Native.Files;
using Capture.Native.Processes;

namespace Capture.Native.ProcFs;

/// <summary>
/// The sockets of one network namespace as /proc/PID/net lists them (tcp, udp, raw, their v6
/// twins, unix and netlink), by inode, ready to become fd-list entries. /proc gives a socket
/// fd only as "socket:[inode]"; these tables hold its addresses. As libscap, an inet socket
/// with no remote address is a server socket, and a unix socket carries its kernel address as
/// source and its bound path as name. A table that cannot be read, or a line that does not
/// parse, leaves those sockets out rather than failing the capture.
/// </summary>
internal sealed class ProcSocketTable
{
    public readonly record struct Entry(FdKind Kind, string Name, byte[]? Detail);

    readonly Dictionary<ulong, Entry> _byInode = [];

    public static ProcSocketTable Read(string netDirectory)
    {
        var table = new ProcSocketTable();
        table.ReadInet(Path.Combine(netDirectory, "tcp"), SocketDetail.Tcp, v6: false);
        table.ReadInet(Path.Combine(netDirectory, "udp"), SocketDetail.Udp, v6: false);
        table.ReadInet(Path.Combine(netDirectory, "raw"), SocketDetail.Raw, v6: false);
        table.ReadInet(Path.Combine(netDirectory, "tcp6"), SocketDetail.Tcp, v6: true);
        table.ReadInet(Path.Combine(netDirectory, "udp6"), SocketDetail.Udp, v6: true);
        table.ReadInet(Path.Combine(netDirectory, "raw6"), SocketDetail.Raw, v6: true);
        table.ReadUnix(Path.Combine(netDirectory, "unix"));
        table.ReadNetlink(Path.Combine(netDirectory, "netlink"));
        return table;
    }

    public bool TryGet(ulong inode, out Entry entry) => _byInode.TryGetValue(inode, out entry);

    // "sl: local rem st tx:rx tr:when retrnsmt uid timeout inode ...", addresses as the kernel's
    // in-memory words in hex (so network order once written back little-endian), ports in hex.
    void ReadInet(string path, byte transport, bool v6)
    {
        foreach (var fields in DataLines(path))
        {
            if (fields.Length < 10 || !ulong.TryParse(fields[9], CultureInfo.InvariantCulture, out var inode)) continue;
            if (!TryAddress(fields[1], v6, out var local, out var localPort) || !TryAddress(fields[2], v6, out var remote, out var remotePort)) continue;
            var connected = remote.AsSpan().IndexOfAnyExcept((byte)0) >= 0;
            var kind = (connected, v6) switch
            {
                (true, false) => FdKind.Ipv4Socket,
                (false, false) => FdKind.Ipv4ServerSocket,
                (true, true) => FdKind.Ipv6Socket,
                (false, true) => FdKind.Ipv6ServerSocket,
            };
            var detail = connected
                ? SocketDetail.Connection(local, localPort, remote, remotePort, transport)
                : SocketDetail.Server(local, localPort, transport);
            _byInode[inode] = new Entry(kind, SocketDetail.Name(kind, detail), detail);
        }
    }

    // "Num: RefCount Protocol Flags Type St Inode [Path]".
    void ReadUnix(string path)
    {
        foreach (var fields in DataLines(path))
        {
            if (fields.Length < 7 || !ulong.TryParse(fields[6], CultureInfo.InvariantCulture, out var inode)) continue;
            if (!ulong.TryParse(fields[0].TrimEnd(':'), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var address)) continue;
            var name = fields.Length > 7 ? string.Join(' ', fields[7..]) : "";
            _byInode[inode] = new Entry(FdKind.UnixSocket, name, SocketDetail.Unix(address, System.Text.Encoding.UTF8.GetBytes(name)));
        }
    }

    // "sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode": netlink sockets have no name.
    void ReadNetlink(string path)
    {
        foreach (var fields in DataLines(path))
            if (fields.Length >= 10 && ulong.TryParse(fields[9], CultureInfo.InvariantCulture, out var inode))
                _byInode[inode] = new Entry(FdKind.Netlink, "", null);
    }

    static bool TryAddress(string text, bool v6, out byte[] address, out ushort port)
    {
        address = new byte[v6 ? 16 : 4];
        port = 0;
        var colon = text.IndexOf(':');
        if (colon != address.Length * 2 || !ushort.TryParse(text.AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out port))
            return false;
        for (var word = 0; word < address.Length / 4; word++)
        {
            if (!uint.TryParse(text.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)) return false;
            BinaryPrimitives.WriteUInt32LittleEndian(address.AsSpan(word * 4), value);
        }
        return true;
    }

    static IEnumerable<string[]> DataLines(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var line in lines.Skip(1))
            yield return line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
