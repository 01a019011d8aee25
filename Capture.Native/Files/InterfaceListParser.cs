using Capture.Native.Processes;

namespace Capture.Native.Files;

/// <summary>
/// A capture's interface list (IL blocks): the machine's IPv4 and IPv6 addresses. Entries are
/// type, name length, the address, netmask and broadcast address, a link speed unless the
/// type says there is none, then the name; the V2 block puts each entry's length before it.
/// </summary>
public static class InterfaceListParser
{
    const ushort Ipv4 = 1, Ipv6 = 2, Ipv4NoLinkSpeed = 3, Ipv6NoLinkSpeed = 4;
    const int BlockHeaderSize = 8, TrailerSize = 4;

    /// <summary>The addresses of every interface list among <paramref name="blocks"/>; a damaged entry ends its block.</summary>
    public static LocalAddresses Read(IEnumerable<MetadataBlock> blocks, string path)
    {
        var ipv4 = new List<byte[]>();
        var ipv6 = new List<byte[]>();
        foreach (var block in blocks)
        {
            if (!BlockType.IsInterfaceList(block.Type) || block.Bytes.Length < BlockHeaderSize + TrailerSize) continue;
            var cursor = new BodyCursor(block.Bytes.Span[BlockHeaderSize..^TrailerSize], path, block.Offset + BlockHeaderSize);
            try
            {
                Parse(ref cursor, block.Type == BlockType.InterfaceListV2, ipv4, ipv6);
            }
            catch (ScapFileException)
            {
                // The reader kept the block whole; what could be read before the damage stands.
            }
        }
        return new LocalAddresses(ipv4, ipv6);
    }

    static void Parse(ref BodyCursor cursor, bool sized, List<byte[]> ipv4, List<byte[]> ipv6)
    {
        // Blocks are padded to four bytes: fewer than that left is padding, not an entry.
        while (cursor.Remaining >= 4)
        {
            var entryEnd = sized ? cursor.Position + 4 + (int)cursor.U32() : -1;
            var type = cursor.U16();
            var nameLength = cursor.U16();
            switch (type)
            {
                case Ipv4 or Ipv4NoLinkSpeed:
                    ipv4.Add(cursor.Take(4, "IPv4 interface address").ToArray());
                    cursor.Take(8, "netmask and broadcast address");
                    if (type == Ipv4) cursor.U64();
                    break;
                case Ipv6 or Ipv6NoLinkSpeed:
                    ipv6.Add(cursor.Take(16, "IPv6 interface address").ToArray());
                    cursor.Take(32, "netmask and broadcast address");
                    if (type == Ipv6) cursor.U64();
                    break;
                default:
                    return; // libscap refuses an entry of unknown type; nothing after it can be placed
            }
            cursor.Take(nameLength, "interface name");
            if (sized && cursor.Position < entryEnd) cursor.Take(entryEnd - cursor.Position, "rest of the entry");
        }
    }
}
