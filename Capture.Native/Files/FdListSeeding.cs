using System.Buffers.Binary;
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
    /// names from the fd lists and user and group names from the user lists. (Threads come
    /// through the reader's onThread callback, also for lists found between events.)
    /// </summary>
    public static void SeedNames(ScapFileReader reader, ThreadTable threads, AccountNames accounts)
    {
        SeedInto(reader.Fds, new FdListLoader(threads));
        foreach (var account in reader.Accounts) account.AddTo(accounts);
    }

    public static void SeedInto(IEnumerable<FdRecord> records, FdListLoader loader)
    {
        foreach (var record in records) Seed(record, loader);
        loader.Complete();
    }

    static void Seed(FdRecord record, FdListLoader loader)
    {
        // Detail layouts (little-endian ports, addresses in network order), as FdListParser read them.
        var d = record.Detail is { } detail ? detail.AsSpan() : default;
        switch (record.Type)
        {
            case FdKind.Ipv4Socket when d.Length >= 13:
                loader.Ipv4Connection(record.Tid, record.Fd, d[..4], Port(d[8..]), d[4..8], Port(d[10..]), d[12]);
                break;
            case FdKind.Ipv4ServerSocket when d.Length >= 7:
                loader.Ipv4Server(record.Tid, record.Fd, d[..4], Port(d[4..]), d[6]);
                break;
            case FdKind.Ipv6Socket when d.Length >= 37:
                loader.Ipv6Connection(record.Tid, record.Fd, d[..16], Port(d[32..]), d[16..32], Port(d[34..]), d[36]);
                break;
            case FdKind.Ipv6ServerSocket when d.Length >= 19:
                loader.Ipv6Server(record.Tid, record.Fd, d[..16], Port(d[16..]), d[18]);
                break;
            case FdKind.UnixSocket:
                loader.Unix(record.Tid, record.Fd, Encoding.UTF8.GetBytes(record.Name));
                break;
            default:
                loader.Named(record.Tid, record.Fd, (FdKind)record.Type, Encoding.UTF8.GetBytes(record.Name));
                break;
        }
    }

    static ushort Port(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt16LittleEndian(bytes);
}
