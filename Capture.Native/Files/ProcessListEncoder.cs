using System.Text;
using Capture.Native.Processes;

namespace Capture.Native.Files;

/// <summary>
/// Encodes threads as a PL_V9 body. Each entry stops after loginuid and exe_writable: the
/// 2022 reader reads exactly that far, and current libscap, finding no more than 29 bytes
/// after the root field, reads those two and no more, so both see the same values. (Writing
/// current libs' full entry would make the 2022 reader take pidns_init_start_ts for loginuid.)
/// </summary>
internal static class ProcessListEncoder
{

    /// <summary>
    /// PPM_CL_CLONE_THREAD | PPM_CL_CLONE_FILES: as libscap assumes for a /proc thread, a thread
    /// (tid ≠ pid) shares its process's fds. Without it sysdig gives the thread an fd table of
    /// its own, and an fd the process opened before the capture is unknown on that thread.
    /// </summary>
    const uint SharesProcessFiles = 0x2000 | 0x1;

    public static byte[] EncodeBody(IEnumerable<ThreadEntry> threads)
    {
        var body = new MemoryStream();
        foreach (var thread in threads) WriteEntry(body, thread);
        return body.ToArray();
    }

    static void WriteEntry(MemoryStream body, ThreadEntry t)
    {
        var comm = MetadataText.Utf8(t.Comm, MetadataText.PathBytes);
        var exe = MetadataText.Utf8(t.Exe, MetadataText.PathBytes);
        var exePath = MetadataText.Utf8(t.ExePath, MetadataText.PathBytes);
        var args = MetadataText.Arguments(t.Args);
        var cwd = MetadataText.Utf8(t.Cwd, MetadataText.PathBytes);
        var cgroups = MetadataText.Entries(t.Cgroups, MetadataText.CgroupsBytes);
        var env = MetadataText.Entries(t.Env, MetadataText.EnvBytes);
        var root = "/"u8;
        var length = 4 + 8 * 5 + (2 + comm.Length) + (2 + exe.Length) + (2 + exePath.Length) + (2 + args.Length) + (2 + cwd.Length)
            + 8 + 4 + 4 + 4 // fdlimit, flags, uid, gid
            + 4 * 3 + 8 * 2 // vm sizes, page faults
            + 2 + env.Length
            + 8 + 8 // vtid, vpid
            + 2 + cgroups.Length
            + 2 + root.Length
            + 4 + 1; // loginuid, exe_writable

        // BinaryWriter writes little-endian on every platform, as the format wants.
        using var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true);
        void U64(long value) => w.Write(value);
        void U32(uint value) => w.Write(value);

        U32((uint)length);
        U64(t.Tid);
        U64(t.Pid);
        U64(t.ParentTid);
        U64(t.Sid);
        U64(t.Vpgid);
        w.WriteText(comm);
        w.WriteText(exe);
        w.WriteText(exePath);
        w.WriteText(args);
        w.WriteText(cwd);
        U64(t.FdLimit);
        U32(t.Tid == t.Pid ? 0 : SharesProcessFiles);
        U32(t.Uid);
        U32(t.Gid);
        U32(t.VmSizeKb); U32(t.VmRssKb); U32(t.VmSwapKb);
        U64((long)t.MajorFaults); U64((long)t.MinorFaults);
        w.WriteText(env);
        // Outside a pid namespace (or when /proc did not say) the ids are the same as tid and pid.
        U64(t.Vtid >= 0 ? t.Vtid : t.Tid);
        U64(t.Vpid >= 0 ? t.Vpid : t.Pid);
        w.WriteText(cgroups); // readers find the thread's container in it
        w.WriteText(root);
        U32((uint)t.LoginUid); // -1 when unknown: libs' "no login session"
        w.Write(t.ExeWritable ? (byte)1 : (byte)0);
    }
}
