using System.Buffers.Binary;
using System.Text;
using Capture.Native.Processes;

namespace Capture.Native.Files;

/// <summary>Encodes one thread's fds as an FDL_V2 body: the tid, then entries that each start with their length.</summary>
internal static class FdListEncoder
{
    /// <summary>The newest fd type the 2022 reader accepts; it refuses the whole file on a higher one.</summary>
    public const FdKind NewestLegacyType = FdKind.FileV2;

    public static byte[] EncodeBody(long tid, IEnumerable<FdRecord> fds, bool legacyTypesOnly)
    {
        var body = new MemoryStream();
        Span<byte> scratch = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(scratch, tid);
        body.Write(scratch);
        foreach (var fd in fds)
        {
            var (type, detail) = legacyTypesOnly && fd.Type > NewestLegacyType
                ? (FdKind.Unsupported, NameDetail(fd.Name))
                : (fd.Type, fd.Detail ?? Detail(fd));
            BinaryPrimitives.WriteUInt32LittleEndian(scratch, (uint)(4 + 8 + 8 + 1 + detail.Length));
            body.Write(scratch[..4]);
            BinaryPrimitives.WriteInt64LittleEndian(scratch, fd.Fd);
            body.Write(scratch);
            BinaryPrimitives.WriteUInt64LittleEndian(scratch, fd.Inode);
            body.Write(scratch);
            body.WriteByte((byte)type);
            body.Write(detail);
        }
        return body.ToArray();
    }

    static byte[] Detail(FdRecord fd) => fd.Type switch
    {
        FdKind.FileV2 => [.. U32(fd.OpenFlags), .. NameDetail(fd.Name), .. U32(fd.Device)],
        FdKind.Ipv4Socket or FdKind.Ipv6Socket or FdKind.Ipv4ServerSocket or FdKind.Ipv6ServerSocket or FdKind.UnixSocket =>
            throw new ArgumentException($"fd {fd.Fd} of tid {fd.Tid}: socket entries can only be copied from a capture, not built from a name"),
        FdKind.Unknown => [],
        _ => NameDetail(fd.Name),
    };

    static byte[] NameDetail(string name)
    {
        var bytes = MetadataText.Utf8(name, MetadataText.PathBytes);
        return [.. U16((ushort)bytes.Length), .. bytes];
    }

    static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return bytes;
    }
}
