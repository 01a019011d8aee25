using System.Globalization;
using Capture.Native.Files;
using Capture.Native.Processes;

namespace Capture.Native.ProcFs;

/// <summary>
/// The descriptors live processes already have open, read from /proc/PID/fd, as fd-list
/// records: so a file written during a live capture names fds opened before it started, as
/// libscap's own files do. Files, directories, pipes and sockets; a socket's addresses come
/// from its network namespace's tables (<see cref="ProcSocketTable"/>), read once per namespace.
/// A process that ends while we read is skipped, as is a socket no table lists.
/// </summary>
public static class ProcFdList
{
    public static IReadOnlyList<FdRecord> Of(long pid, string procRoot = "/proc") => Of([pid], procRoot);

    public static IReadOnlyList<FdRecord> Of(IEnumerable<long> pids, string procRoot = "/proc")
    {
        var records = new List<FdRecord>();
        var socketTables = new Dictionary<string, ProcSocketTable>();
        foreach (var pid in pids)
        {
            var processDirectory = Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture));
            foreach (var (fd, target) in Links(Path.Combine(processDirectory, "fd")))
            {
                if (target.StartsWith('/'))
                    records.Add(new FdRecord(pid, fd, 0, Directory.Exists(target) ? FdKind.Directory : FdKind.File, target));
                else if (target.StartsWith("pipe:", StringComparison.Ordinal))
                    records.Add(new FdRecord(pid, fd, 0, FdKind.Fifo, ""));
                else if (SocketInode(target) is { } inode && SocketsOf(processDirectory, socketTables) is { } table && table.TryGet(inode, out var socket))
                    records.Add(new FdRecord(pid, fd, inode, socket.Kind, socket.Name) { Detail = socket.Detail });
            }
        }
        return records;
    }

    static List<(long Fd, string Target)> Links(string fdDirectory)
    {
        var links = new List<(long, string)>();
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(fdDirectory).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return links;
        }
        foreach (var entry in entries)
        {
            if (!long.TryParse(Path.GetFileName(entry), CultureInfo.InvariantCulture, out var fd)) continue;
            try
            {
                if (new FileInfo(entry).LinkTarget is { } target) links.Add((fd, target));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return links;
    }

    /// <summary>"socket:[12345]" → 12345.</summary>
    static ulong? SocketInode(string target) =>
        target.StartsWith("socket:[", StringComparison.Ordinal) && target.EndsWith(']')
        && ulong.TryParse(target.AsSpan(8, target.Length - 9), CultureInfo.InvariantCulture, out var inode) ? inode : null;

    static ProcSocketTable? SocketsOf(string processDirectory, Dictionary<string, ProcSocketTable> byNamespace)
    {
        string? netNamespace;
        try
        {
            netNamespace = new FileInfo(Path.Combine(processDirectory, "ns", "net")).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (netNamespace is null) return null;
        if (!byNamespace.TryGetValue(netNamespace, out var table))
            byNamespace[netNamespace] = table = ProcSocketTable.Read(Path.Combine(processDirectory, "net"));
        return table;
    }
}
