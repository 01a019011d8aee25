namespace Capture.Native.Files;

/// <summary>
/// The descriptors a live process already has open, read from /proc/PID/fd, as fd-list
/// records: so a file written during a live capture names fds opened before it started, as
/// libscap's own files do. Files, directories and pipes only: socket records need addresses
/// that /proc does not give by fd. A process that ends while we read is skipped.
/// </summary>
public static class ProcFdList
{
    public static IReadOnlyList<FdRecord> Of(long pid, string procRoot = "/proc")
    {
        var records = new List<FdRecord>();
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(Path.Combine(procRoot, pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "fd")).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return records;
        }
        foreach (var entry in entries)
        {
            if (!long.TryParse(Path.GetFileName(entry), out var fd)) continue;
            string? target;
            try
            {
                target = new FileInfo(entry).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (target is null) continue;
            if (target.StartsWith('/'))
                records.Add(new FdRecord(pid, fd, 0, Directory.Exists(target) ? Processes.FdKind.Directory : Processes.FdKind.File, target));
            else if (target.StartsWith("pipe:", StringComparison.Ordinal))
                records.Add(new FdRecord(pid, fd, 0, Processes.FdKind.Fifo, ""));
        }
        return records;
    }
}
