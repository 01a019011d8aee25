using System.Net;
using System.Net.Sockets;
using System.Text;
using Capture.Native.Processes;

namespace Capture.Native.Files;

/// <summary>
/// The thread table as the process list and fd lists a capture file starts with, for a file
/// begun in the middle of a capture (a rotated one): its readers then know the processes and
/// descriptors that earlier files created, as if it were the first. Threads the table met only
/// in events, knowing nothing of them (named &lt;NA&gt;), are left out, as are their fds: a
/// reader knows as little without them. A socket is listed from the name the table gave it;
/// one not yet named (created, never connected or bound) is left out.
/// </summary>
public static class ThreadTableLists
{
    public static IReadOnlyList<ThreadEntry> Threads(ThreadTable table)
    {
        var threads = new List<ThreadEntry>(table.Count);
        foreach (var t in table.Threads)
        {
            if (!IsKnown(t)) continue;
            threads.Add(new ThreadEntry(t.Tid, t.Pid, t.ParentTid, Text(t.Comm), Text(t.Exe), Text(t.ExePath), Arguments(t.Args),
                Text(t.Cwd), t.Uid, t.Gid)
            {
                Cgroups = Text(t.Cgroups), Vtid = t.Vtid, Vpid = t.Vpid, Sid = t.Sid, Vpgid = t.Vpgid, Tty = t.Tty,
                LoginUid = t.LoginUid, Env = Text(t.Env), FdLimit = t.FdLimit, ExeWritable = t.ExeWritable,
                VmSizeKb = t.VmSizeKb, VmRssKb = t.VmRssKb, VmSwapKb = t.VmSwapKb, MajorFaults = t.MajorFaults, MinorFaults = t.MinorFaults,
            });
        }
        return threads;
    }

    /// <summary>Each process's open descriptors, under the tid of the thread that holds them.</summary>
    public static IReadOnlyList<FdRecord> Fds(ThreadTable table)
    {
        var records = new List<FdRecord>();
        foreach (var t in table.Threads)
        {
            if (!IsKnown(t)) continue;
            foreach (var (fd, entry) in table.OwnFds(t))
                if (Record(t.Tid, fd, entry) is { } record) records.Add(record);
        }
        return records;
    }

    static bool IsKnown(ThreadInfo thread) => !ReferenceEquals(thread.Comm, ThreadInfo.UnknownComm);

    static FdRecord? Record(long tid, long fd, FdEntry entry)
    {
        var name = Text(entry.Name);
        return entry.Kind switch
        {
            FdKind.UnixSocket => new FdRecord(tid, fd, 0, FdKind.UnixSocket, name) { Detail = SocketDetail.Unix(0, entry.Name) },
            FdKind.Ipv4Socket or FdKind.Ipv6Socket or FdKind.Ipv4ServerSocket or FdKind.Ipv6ServerSocket =>
                InetDetail(entry, name) is { } detail ? new FdRecord(tid, fd, 0, entry.Kind, name) { Detail = detail } : null,
            _ => new FdRecord(tid, fd, 0, entry.Kind, name),
        };
    }

    /// <summary>
    /// The fd-list bytes of an inet socket, from its name as the table writes it:
    /// <c>address:port</c> for a server, <c>address:port-&gt;address:port</c> for a connection
    /// (an IPv6 address unbracketed, so its port is after the last colon).
    /// </summary>
    static byte[]? InetDetail(FdEntry entry, string name)
    {
        var transport = TransportNumber(entry.Transport != 0 ? entry.Transport : entry.SocketTransport);
        var family = entry.Kind is FdKind.Ipv4Socket or FdKind.Ipv4ServerSocket ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        if (entry.Kind is FdKind.Ipv4ServerSocket or FdKind.Ipv6ServerSocket)
            return TryEndpoint(name, family, out var address, out var port) ? SocketDetail.Server(address, port, transport) : null;
        var arrow = name.IndexOf("->", StringComparison.Ordinal);
        if (arrow < 0) return null;
        return TryEndpoint(name[..arrow], family, out var source, out var sourcePort)
            && TryEndpoint(name[(arrow + 2)..], family, out var destination, out var destinationPort)
                ? SocketDetail.Connection(source, sourcePort, destination, destinationPort, transport)
                : null;
    }

    static bool TryEndpoint(string text, AddressFamily family, out byte[] address, out ushort port)
    {
        address = [];
        port = 0;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !ushort.TryParse(text.AsSpan(colon + 1), out port)) return false;
        if (!IPAddress.TryParse(text.AsSpan(0, colon), out var ip) || ip.AddressFamily != family) return false;
        address = ip.GetAddressBytes();
        return true;
    }

    // The letter sysdig shows back to scap_l4_proto: 2 TCP, 3 UDP, 4 ICMP, 5 raw, 0 unknown.
    static byte TransportNumber(byte letter) => letter switch
    {
        (byte)'t' => 2,
        (byte)'u' => 3,
        (byte)'i' => 4,
        (byte)'r' => 5,
        _ => 0,
    };

    static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>The table keeps arguments NUL-terminated, one after another.</summary>
    static IReadOnlyList<string> Arguments(byte[] args) =>
        args.Length == 0 ? [] : Encoding.UTF8.GetString(args).TrimEnd('\0').Split('\0');
}
