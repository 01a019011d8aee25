using System.Text;
using Capture.Native.Processes;

namespace Capture.Native.Files;

/// <summary>
/// Hands a capture's fd-list records to the thread table's <see cref="FdListLoader"/>, from
/// the record bytes as the file held them, so descriptors opened before the capture started
/// print with their names (`fd=3(&lt;4t&gt;10.0.2.2:49289-&gt;10.0.2.15:22)`).
/// </summary>
public static class FdListSeeding
{
    /// <summary>
    /// Everything a reader of this capture needs from its lists before the first event: fd
    /// names from the fd lists, user and group names from the user lists, the machine's
    /// addresses from its interface lists. (Threads come through the reader's onThread
    /// callback, also for lists found between events.)
    /// </summary>
    public static void SeedNames(ScapFileReader reader, ThreadTable threads, AccountNames accounts)
    {
        SeedInto(reader.Fds, new FdListLoader(threads));
        threads.LocalAddresses = InterfaceListParser.Read(reader.MetadataBlocks, reader.Path);
        foreach (var account in reader.Accounts) account.AddTo(accounts);
    }

    public static void SeedInto(IEnumerable<FdRecord> records, FdListLoader loader)
    {
        foreach (var record in records) Seed(record, loader);
        loader.Complete();
    }

    // The addresses are read through SocketDetail, which owns the record layout; an inet
    // record too short for its kind is seeded by the name the parser gave it.
    static void Seed(FdRecord record, FdListLoader loader)
    {
        if (SocketDetail.TryRead(record.Type, record.Detail, out var socket))
        {
            SeedInet(record, socket, loader);
            return;
        }
        if (record.Type == FdKind.UnixSocket) loader.Unix(record.Tid, record.Fd, Encoding.UTF8.GetBytes(record.Name));
        else loader.Named(record.Tid, record.Fd, record.Type, Encoding.UTF8.GetBytes(record.Name));
    }

    static void SeedInet(FdRecord record, in InetSocketDetail s, FdListLoader loader)
    {
        switch (record.Type)
        {
            case FdKind.Ipv4Socket:
                loader.Ipv4Connection(record.Tid, record.Fd, s.Source, s.SourcePort, s.Destination, s.DestinationPort, s.Transport);
                break;
            case FdKind.Ipv4ServerSocket:
                loader.Ipv4Server(record.Tid, record.Fd, s.Source, s.SourcePort, s.Transport);
                break;
            case FdKind.Ipv6Socket:
                loader.Ipv6Connection(record.Tid, record.Fd, s.Source, s.SourcePort, s.Destination, s.DestinationPort, s.Transport);
                break;
            case FdKind.Ipv6ServerSocket:
                loader.Ipv6Server(record.Tid, record.Fd, s.Source, s.SourcePort, s.Transport);
                break;
        }
    }
}
