using Capture.Native.Processes;

namespace Capture.Native.Files;

/// <summary>
/// Parses the entries of a process-list block of any version, v1 to v9. Up to v8 an entry is
/// a fixed sequence of fields chosen by the block version; from v9 on every entry starts with
/// its own length, so fields added by newer writers are skipped rather than misread.
/// </summary>
internal static class ProcessListParser
{
    /// <summary>Entries are parsed while at least this much is left; less is block padding.</summary>
    const int PaddingLimit = 4;

    public static void Parse(ref BodyCursor cursor, int version, Action<ThreadEntry> onEntry)
    {
        while (cursor.Remaining >= PaddingLimit)
            onEntry(ParseEntry(ref cursor, version));
    }

    static ThreadEntry ParseEntry(ref BodyCursor cursor, int version)
    {
        var start = cursor.Position;
        var entryLength = 0u;
        if (version >= 9)
        {
            entryLength = cursor.U32();
            if (entryLength > cursor.Remaining + 4)
                throw cursor.Fault($"process entry length {entryLength} runs past the end of the block");
        }

        var tid = (long)cursor.U64();
        var pid = (long)cursor.U64();
        var ptid = (long)cursor.U64();
        var sid = version >= 6 ? (long)cursor.U64() : -1;
        var vpgid = version >= 8 ? (long)cursor.U64() : -1;
        var comm = cursor.String("comm");
        var exe = cursor.String("exe");
        var exePath = version >= 7 ? cursor.String("exepath") : "";
        var args = SplitArgs(cursor.LengthPrefixed("args"));
        var cwd = cursor.String("cwd");
        var fdLimit = (long)cursor.U64();
        cursor.U32(); // flags
        var uid = cursor.U32();
        var gid = cursor.U32();
        long vtid = -1, vpid = -1;
        var cgroups = "";
        var env = "";
        uint vmSize = 0, vmRss = 0, vmSwap = 0;
        ulong majorFaults = 0, minorFaults = 0;
        if (version >= 2)
        {
            vmSize = cursor.U32();
            vmRss = cursor.U32();
            vmSwap = cursor.U32();
            majorFaults = cursor.U64();
            minorFaults = cursor.U64();
            if (version >= 3) env = System.Text.Encoding.UTF8.GetString(cursor.LengthPrefixed("env"));
            if (version >= 4)
            {
                vtid = (long)cursor.U64();
                vpid = (long)cursor.U64();
                cgroups = System.Text.Encoding.UTF8.GetString(cursor.LengthPrefixed("cgroups"));
                if (version >= 5) cursor.LengthPrefixed("root");
            }
        }

        // Fields later writers appended, read only when the entry's length says they are there.
        var loginUid = -1;
        var exeWritable = false;
        if (entryLength >= cursor.Position - start + 4) loginUid = (int)cursor.U32();
        if (entryLength >= cursor.Position - start + 1) exeWritable = cursor.U8() != 0;

        if (entryLength != 0) cursor.SkipToEntryEnd(start, entryLength, $"process entry of tid {tid}");

        return new ThreadEntry(tid, pid, ptid, comm, exe, exePath, args, cwd, uid, gid)
        {
            Cgroups = cgroups, Vtid = vtid, Vpid = vpid, Sid = sid, Vpgid = vpgid, FdLimit = fdLimit, Env = env,
            LoginUid = loginUid, ExeWritable = exeWritable,
            VmSizeKb = vmSize, VmRssKb = vmRss, VmSwapKb = vmSwap, MajorFaults = majorFaults, MinorFaults = minorFaults,
        };
    }

    /// <summary>args are NUL-separated, the last one usually NUL-terminated too.</summary>
    static string[] SplitArgs(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return [];
        if (bytes[^1] == 0) bytes = bytes[..^1];
        var parts = new List<string>();
        foreach (var range in bytes.Split((byte)0))
            parts.Add(BodyCursor.Decode(bytes[range]));
        return [.. parts];
    }
}
