using Capture.Native.Processes;

namespace Capture.Native.Files;

/// <summary>
/// Reads a user-list block (UL v1, or UL_V2 whose entries start with their own length so
/// newer fields are skipped) into <see cref="AccountNames"/>, for the names sysdig prints
/// beside uids and gids. A damaged list raises <see cref="ScapFileException"/> naming the offset.
/// </summary>
public static class UserListParser
{
    const int BlockHeader = 8;
    const int BlockTrailer = 4;
    const byte GroupEntry = 1;

    public static void Parse(MetadataBlock block, string path, AccountNames accounts)
    {
        if (!BlockType.IsUserList(block.Type)) return;
        var sized = block.Type == BlockType.UserListV2;
        var body = block.Bytes.Span[BlockHeader..^BlockTrailer];
        var cursor = new BodyCursor(body, path, block.Offset + BlockHeader);
        // Bodies are padded to 4 bytes; no entry is that short.
        while (cursor.Remaining >= 4)
        {
            var start = cursor.Position;
            var entryLength = sized ? (int)cursor.U32() : 0;
            if (cursor.U8() == GroupEntry)
            {
                var gid = cursor.U32();
                accounts.AddGroup(gid, cursor.String("group name"));
            }
            else
            {
                var uid = cursor.U32();
                cursor.U32(); // the user's group
                accounts.AddUser(uid, cursor.String("user name"));
                cursor.LengthPrefixed("home directory");
                cursor.LengthPrefixed("shell");
            }
            if (sized) cursor.Skip(start + entryLength - cursor.Position, "newer user-list fields");
        }
    }
}
