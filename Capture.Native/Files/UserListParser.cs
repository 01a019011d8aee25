namespace Capture.Native.Files;

/// <summary>
/// Parses a user-list block: UL v1, or UL_V2 whose entries start with their own length so
/// newer fields are skipped. Each entry is a user or a group, for the names sysdig prints
/// beside uids and gids.
/// </summary>
internal static class UserListParser
{
    /// <summary>Entries are parsed while at least this much is left; less is block padding.</summary>
    const int PaddingLimit = 4;
    const byte GroupEntry = 1;

    public static void Parse(ref BodyCursor cursor, bool sized, Action<AccountRecord> onEntry)
    {
        while (cursor.Remaining >= PaddingLimit)
            onEntry(ParseEntry(ref cursor, sized));
    }

    static AccountRecord ParseEntry(ref BodyCursor cursor, bool sized)
    {
        var start = cursor.Position;
        var entryLength = sized ? cursor.U32() : 0u;
        AccountRecord entry;
        if (cursor.U8() == GroupEntry)
        {
            var gid = cursor.U32();
            entry = new AccountRecord(gid, cursor.String("group name"), IsGroup: true);
        }
        else
        {
            var uid = cursor.U32();
            cursor.U32(); // the user's group
            var name = cursor.String("user name");
            entry = new AccountRecord(uid, name, IsGroup: false) { Home = cursor.String("home directory"), Shell = cursor.String("shell") };
        }
        if (sized) cursor.SkipToEntryEnd(start, entryLength, $"user-list entry of {(entry.IsGroup ? "gid" : "uid")} {entry.Id}");
        return entry;
    }
}
