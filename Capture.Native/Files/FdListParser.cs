using Capture.Native.Processes;

namespace Capture.Native.Files;

/// <summary>
/// Parses an fd-list block: the tid, then one entry per open fd. FDL_V2 entries start with
/// their own length, so unknown fd types and newer fields are skipped; a v1 entry of an
/// unknown type cannot be skipped, and is a fault.
/// </summary>
internal static class FdListParser
{
    const int PaddingLimit = 4;

    public static void Parse(ref BodyCursor cursor, bool sized, Action<FdRecord> onEntry)
    {
        var tid = (long)cursor.U64();
        while (cursor.Remaining >= PaddingLimit)
            onEntry(ParseEntry(ref cursor, sized, tid));
    }

    static FdRecord ParseEntry(ref BodyCursor cursor, bool sized, long tid)
    {
        var start = cursor.Position;
        var entryLength = sized ? cursor.U32() : 0u;
        if (entryLength > cursor.Remaining + 4)
            throw cursor.Fault($"fd entry length {entryLength} runs past the end of the block");
        var fd = (long)cursor.U64();
        var inode = cursor.U64();
        var type = (FdKind)cursor.U8();
        var detailStart = cursor.Position;

        string name;
        uint openFlags = 0, device = 0;
        switch (type)
        {
            case FdKind.Ipv4Socket:
                name = SocketDetail.Name(type, cursor.Take(SocketDetail.Ipv4Length, "ipv4 socket"));
                break;
            case FdKind.Ipv4ServerSocket:
                name = SocketDetail.Name(type, cursor.Take(SocketDetail.Ipv4ServerLength, "ipv4 server socket"));
                break;
            case FdKind.Ipv6Socket:
                name = SocketDetail.Name(type, cursor.Take(SocketDetail.Ipv6Length, "ipv6 socket"));
                break;
            case FdKind.Ipv6ServerSocket:
                name = SocketDetail.Name(type, cursor.Take(SocketDetail.Ipv6ServerLength, "ipv6 server socket"));
                break;
            case FdKind.UnixSocket:
                cursor.Skip(SocketDetail.UnixEndpointsLength, "unix socket endpoints");
                name = cursor.String("unix socket path");
                break;
            case FdKind.FileV2:
                openFlags = cursor.U32();
                name = cursor.String("file name");
                if (entryLength != 0 && cursor.Position - start + 4 <= entryLength) device = cursor.U32();
                break;
            case FdKind.Unknown:
                name = "";
                break;
            case <= FdKind.PidFd:
                name = cursor.String("fd name");
                break;
            default:
                if (entryLength == 0)
                    throw cursor.Fault($"fd {fd} of tid {tid} has unknown type {(byte)type} and no entry length to skip it by");
                name = $"unknown-type:[{(byte)type}]";
                break;
        }

        if (entryLength != 0) cursor.SkipToEntryEnd(start, entryLength, $"fd entry {fd} of tid {tid}");

        return new FdRecord(tid, fd, inode, type, name)
        {
            OpenFlags = openFlags,
            Device = device,
            Detail = cursor.Slice(detailStart, cursor.Position - detailStart).ToArray(),
        };
    }
}
