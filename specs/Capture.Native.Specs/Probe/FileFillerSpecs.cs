using System.Diagnostics;
using System.Text;
using Capture.Native.Events;
using Capture.Native.Probe;
using Capture.Native.Schema;

namespace Capture.Native.Specs.Probe;

/// <summary>
/// driver/testprog's "tour-files" makes the calls of the file-metadata, file-descriptor,
/// io_uring and file-system fillers with known arguments, most once succeeding and once
/// failing. Each must come back as the current libs exit event of its syscall, with the
/// schema's parameters, inside the call, carrying exactly the values libs' probe sends:
/// flags in libs' encoding, paths, descriptors, sizes, and device and inode as stat(1)
/// reads them from the machine.
/// </summary>
public sealed class FileFillerSpecs : IClassFixture<FileFillerSpecs.Tour>
{
    public sealed class Tour : IDisposable
    {
        public Tour()
        {
            if (ProbeAvailability.Missing is not null) return;
            Directory = System.IO.Directory.CreateTempSubdirectory("capture-files-");
            using var probe = ModernProbe.Load(new ProbeSettings());
            using var captured = new CapturedEvents(probe);
            probe.Attach();
            Lines = TestProgram.Run(out var pid, "tour-files", Directory.FullName);
            probe.Detach();
            Frames = captured.StopAndCollect().Where(f => FrameReading.ThreadIdOf(f) == (ulong)pid).ToArray();
        }

        public DirectoryInfo Directory { get; } = null!;
        public IReadOnlyList<KnownCall> Lines { get; } = [];
        public IReadOnlyList<byte[]> Frames { get; } = [];

        public string PathOf(string name) => Path.Combine(Directory.FullName, name);

        /// <summary>A number the test program printed on a line of its own ("fds 3 4 5").</summary>
        public long Printed(string line, int field = 1) => long.Parse(Lines.Single(l => l.Name == line).Fields[field]);

        public KnownCall Call(string syscall, int occurrence) => Lines.Where(l => l.Name == syscall).ElementAt(occurrence);

        /// <summary>The one current exit event of the syscall inside its call, checked against the schema.</summary>
        public Exit Event(string syscall, int occurrence = 0)
        {
            var info = EventTable.All.ToArray().Single(e => e.Name == syscall && e.Direction == EventDirection.Exit
                && (e.Flags & (EventFlags.OLD_VERSION | EventFlags.UNUSED)) == 0);
            var call = Call(syscall, occurrence);
            var frame = Assert.Single(Frames, f =>
            {
                var view = FrameReading.View(f);
                return view.Type == info.Id && view.Timestamp >= call.Before && view.Timestamp <= call.After;
            });
            var exit = new Exit(frame, info);
            Assert.Equal(info.Params.Length, FrameReading.View(frame).ParamCount);
            Assert.Equal(call.Result, exit.Int64(info.Params[0].Name));
            return exit;
        }

        public void Dispose() => Directory?.Delete(recursive: true);
    }

    /// <summary>An exit event read by parameter name, in the schema's order.</summary>
    public sealed class Exit(byte[] frame, EventInfo info)
    {
        byte[] Param(string name)
        {
            var index = Array.FindIndex(info.Params, p => p.Name == name);
            Assert.True(index >= 0, $"{info.EnumName} has no parameter '{name}'");
            return FrameReading.View(frame).Param(index).ToArray();
        }

        public long Int64(string name) => BitConverter.ToInt64(Param(name));
        public int Int32(string name) => BitConverter.ToInt32(Param(name));
        public uint UInt32(string name) => BitConverter.ToUInt32(Param(name));
        public ushort UInt16(string name) => BitConverter.ToUInt16(Param(name));
        public ulong UInt64(string name) => BitConverter.ToUInt64(Param(name));
        public byte UInt8(string name) => Assert.Single(Param(name));
        public byte[] Bytes(string name) => Param(name);

        /// <summary>A string parameter without its NUL; null when the parameter is empty (not even a NUL).</summary>
        public string? Text(string name)
        {
            var raw = Param(name);
            return raw.Length == 0 ? null : Encoding.UTF8.GetString(raw).TrimEnd('\0');
        }
    }

    readonly Tour _tour;

    public FileFillerSpecs(Tour tour) => _tour = tour;

    long FileFd => _tour.Printed("fds", 1);
    long DirFd => _tour.Printed("fds", 2);
    long CopyFd => _tour.Printed("fds", 3);
    string Known => _tour.PathOf("known");
    string Missing => _tour.PathOf("missing");

    [KernelFact]
    public void Access_must_carry_the_path_and_the_mode_in_libs_encoding()
    {
        var granted = _tour.Event("access");
        Assert.Equal(Known, granted.Text("name"));
        Assert.Equal(0x4u | 0x2, granted.UInt32("mode")); // R_OK|W_OK
        var missing = _tour.Event("access", 1);
        Assert.Equal(-2, missing.Int64("res"));
        Assert.Equal(Missing, missing.Text("name"));
        Assert.Equal(0u, missing.UInt32("mode")); // F_OK
    }

    [KernelFact]
    public void Stat_family_must_carry_path_fd_dirfd_and_flags()
    {
        Assert.Equal(Known, _tour.Event("stat").Text("path"));
        Assert.Equal(Missing, _tour.Event("stat", 1).Text("path"));
        Assert.Equal(-2, _tour.Event("stat", 1).Int64("res"));
        Assert.Equal(Known, _tour.Event("lstat").Text("path"));
        Assert.Equal(FileFd, _tour.Event("fstat").Int64("fd"));

        var byPath = _tour.Event("newfstatat");
        Assert.Equal(-100, byPath.Int64("dirfd")); // AT_FDCWD
        Assert.Equal(Known, byPath.Text("path"));
        Assert.Equal(0x100u, byPath.UInt32("flags")); // AT_SYMLINK_NOFOLLOW
        var byFd = _tour.Event("newfstatat", 1);
        Assert.Equal(FileFd, byFd.Int64("dirfd"));
        // An empty path: with its NUL where the page was readable at exit, else no bytes at all
        // (seen on Debian 12's 6.1 kernel in a VM, where the kernel never read the string).
        Assert.True(string.IsNullOrEmpty(byFd.Text("path")), $"path '{byFd.Text("path")}'");
        Assert.Equal(0x1000u, byFd.UInt32("flags")); // AT_EMPTY_PATH
    }

    [KernelFact]
    public void Getdents_getcwd_flock_and_lchown_must_carry_their_arguments()
    {
        Assert.Equal(DirFd, _tour.Event("getdents64").Int64("fd"));
        Assert.Equal(DirFd, _tour.Event("getdents").Int64("fd"));

        var cwd = _tour.Event("getcwd");
        Assert.Equal(_tour.Directory.FullName.Length + 1, _tour.Call("getcwd", 0).Result);
        Assert.Equal(_tour.Directory.FullName, cwd.Text("path"));
        Assert.Null(_tour.Event("getcwd", 1).Text("path")); // ERANGE: the buffer holds nothing to read

        var exclusive = _tour.Event("flock");
        Assert.Equal(FileFd, exclusive.Int64("fd"));
        Assert.Equal(0x2u | 0x4, exclusive.UInt32("operation")); // LOCK_EX|LOCK_NB
        Assert.Equal(0x8u, _tour.Event("flock", 1).UInt32("operation")); // LOCK_UN

        var lchown = _tour.Event("lchown");
        Assert.Equal(_tour.PathOf("link"), lchown.Text("path"));
        Assert.Equal(1234u, lchown.UInt32("uid"));
        Assert.Equal(5678u, lchown.UInt32("gid"));
    }

    [KernelFact]
    public void Mknod_must_carry_type_and_permissions_in_libs_encoding_and_the_device_as_libs_encodes_it()
    {
        var fifo = _tour.Event("mknod");
        Assert.Equal(_tour.PathOf("fifo"), fifo.Text("path"));
        Assert.Equal(0x1000u | 0x1a0, fifo.UInt32("mode")); // S_IFIFO|0640
        Assert.Equal(0u, fifo.UInt32("dev"));
        var orphan = _tour.Event("mknod", 1);
        Assert.Equal(-2, orphan.Int64("res"));
        Assert.Equal(0x8000u | 0x180, orphan.UInt32("mode")); // type 0 is S_IFREG; 0600

        var chr = _tour.Event("mknodat");
        Assert.Equal(DirFd, chr.Int64("dirfd"));
        Assert.Equal("chr", chr.Text("path"));
        Assert.Equal(0x2000u | 0x180, chr.UInt32("mode")); // S_IFCHR|0600
        var (major, minor) = DeviceNumbersOf(_tour.PathOf("chr"));
        var userDev = (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
        Assert.Equal(AsLibsReencodes(userDev), chr.UInt32("dev"));
    }

    [KernelFact]
    public void Preadv_and_pwritev_must_carry_the_data_of_all_iovecs_sizes_and_positions()
    {
        var read = _tour.Event("preadv");
        Assert.Equal(12u, read.UInt32("size"));
        Assert.Equal("23456789abcd"u8.ToArray(), read.Bytes("data")); // 4 + 8 bytes from offset 2
        Assert.Equal(FileFd, read.Int64("fd"));
        Assert.Equal(2ul, read.UInt64("pos"));
        var atEnd = _tour.Event("preadv", 1);
        Assert.Equal(0u, atEnd.UInt32("size"));
        Assert.Empty(atEnd.Bytes("data"));
        Assert.Equal(100ul, atEnd.UInt64("pos"));

        var written = _tour.Event("pwritev");
        Assert.Equal("hello world"u8.ToArray(), written.Bytes("data"));
        Assert.Equal(FileFd, written.Int64("fd"));
        Assert.Equal(11u, written.UInt32("size"));
        Assert.Equal(30ul, written.UInt64("pos"));
        var failed = _tour.Event("pwritev", 1);
        Assert.Equal(-9, failed.Int64("res"));
        Assert.Equal("hello world"u8.ToArray(), failed.Bytes("data")); // what was asked
        Assert.Equal(DirFd, failed.Int64("fd"));
        Assert.Equal(11u, failed.UInt32("size"));
    }

    [KernelFact]
    public void Copy_file_range_must_carry_both_fds_the_offset_pointers_and_the_length()
    {
        var copy = _tour.Event("copy_file_range");
        Assert.Equal(5, copy.Int64("res"));
        Assert.Equal(CopyFd, copy.Int64("fdout"));
        Assert.Equal((ulong)_tour.Printed("offsets", 2), copy.UInt64("offout"));
        Assert.Equal(FileFd, copy.Int64("fdin"));
        Assert.Equal((ulong)_tour.Printed("offsets", 1), copy.UInt64("offin"));
        Assert.Equal(5ul, copy.UInt64("len"));
    }

    [KernelFact]
    public void Special_fd_creators_must_carry_their_flags_in_libs_encoding()
    {
        Assert.Equal(0, _tour.Event("inotify_init").UInt8("flags"));
        Assert.Equal(0x40 | 0x1000, _tour.Event("inotify_init1").UInt16("flags")); // O_NONBLOCK|O_CLOEXEC
        Assert.Equal(7, _tour.Event("epoll_create").Int32("size"));
        Assert.Equal(1u, _tour.Event("epoll_create1").UInt32("flags")); // EPOLL_CLOEXEC

        var signalfd = _tour.Event("signalfd");
        Assert.Equal(-1, signalfd.Int64("fd"));
        Assert.Equal(0u, signalfd.UInt32("mask")); // libs leaves the mask out
        Assert.Equal(0, signalfd.UInt8("flags"));
        var signalfd4 = _tour.Event("signalfd4");
        Assert.Equal(0x40 | 0x1000, signalfd4.UInt16("flags"));
        Assert.Equal(-1, signalfd4.Int64("fd"));
        Assert.Equal(0u, signalfd4.UInt32("mask"));

        var timerfd = _tour.Event("timerfd_create");
        Assert.Equal(1, timerfd.UInt8("clockid")); // CLOCK_MONOTONIC
        Assert.Equal(0x40, timerfd.UInt8("flags")); // O_NONBLOCK; O_CLOEXEC's 0x1000 does not fit libs' UINT8

        Assert.Equal(0x80000u | 0x800, _tour.Event("userfaultfd").UInt32("flags")); // the kernel's O_CLOEXEC|O_NONBLOCK, as libs
    }

    [KernelFact]
    public void Open_by_handle_at_must_name_the_opened_file_with_its_device_and_inode()
    {
        var opened = _tour.Event("open_by_handle_at");
        Assert.True(opened.Int64("fd") > 0);
        Assert.Equal(DirFd, opened.Int64("mountfd"));
        Assert.Equal(0x3u | 0x8, opened.UInt32("flags")); // O_RDWR|O_APPEND, not created
        Assert.Equal(Known, opened.Text("path"));
        var (dev, ino) = DeviceAndInodeOf(Known);
        Assert.Equal(dev, opened.UInt32("dev"));
        Assert.Equal(ino, opened.UInt64("ino"));

        var refused = _tour.Event("open_by_handle_at", 1);
        Assert.Equal(-22, refused.Int64("fd"));
        Assert.Equal(1u, refused.UInt32("flags")); // O_RDONLY
        Assert.Null(refused.Text("path"));
        Assert.Equal(0u, refused.UInt32("dev"));
        Assert.Equal(0ul, refused.UInt64("ino"));
    }

    [KernelFact]
    public void Io_uring_calls_must_carry_what_setup_filled_in_and_their_arguments()
    {
        var setup = _tour.Event("io_uring_setup");
        var ring = _tour.Call("io_uring_setup", 0).Result;
        Assert.Equal(4u, setup.UInt32("entries"));
        Assert.Equal(4u, setup.UInt32("sq_entries"));
        Assert.Equal(8u, setup.UInt32("cq_entries"));
        Assert.Equal(0x20u, setup.UInt32("flags")); // IORING_SETUP_CLAMP (kernel 1 << 4)
        Assert.Equal(0u, setup.UInt32("sq_thread_cpu"));
        Assert.Equal(0u, setup.UInt32("sq_thread_idle"));
        Assert.Equal((uint)_tour.Printed("ring") & 0x7ff, setup.UInt32("features")); // the eleven libs knows

        var enter = _tour.Event("io_uring_enter");
        Assert.Equal(ring, enter.Int64("fd"));
        Assert.Equal(0u, enter.UInt32("to_submit"));
        Assert.Equal(0u, enter.UInt32("min_complete"));
        Assert.Equal(1u, enter.UInt32("flags")); // IORING_ENTER_GETEVENTS
        Assert.Equal(0u, enter.UInt32("sig"));

        var register = _tour.Event("io_uring_register");
        Assert.Equal(-6, register.Int64("res"));
        Assert.Equal(ring, register.Int64("fd"));
        Assert.Equal(1, register.UInt16("opcode")); // IORING_UNREGISTER_BUFFERS
        Assert.Equal(0ul, register.UInt64("arg"));
        Assert.Equal(0u, register.UInt32("nr_args"));
    }

    [KernelFact]
    public void Fsconfig_must_carry_key_and_the_value_its_command_takes_only_after_a_success()
    {
        var fs = _tour.Printed("fsfd");
        var size = _tour.Event("fsconfig");
        Assert.Equal(fs, size.Int64("fd"));
        Assert.Equal(1u, size.UInt32("cmd")); // FSCONFIG_SET_STRING
        Assert.Equal("size", size.Text("key"));
        Assert.Empty(size.Bytes("value_bytebuf"));
        Assert.Equal("1m", size.Text("value_charbuf"));
        Assert.Equal(0, size.Int32("aux"));

        var flag = _tour.Event("fsconfig", 1);
        Assert.Equal(0u, flag.UInt32("cmd")); // FSCONFIG_SET_FLAG
        Assert.Equal("inode64", flag.Text("key"));
        Assert.Null(flag.Text("value_charbuf"));

        var refused = _tour.Event("fsconfig", 2);
        Assert.Equal(-22, refused.Int64("res"));
        Assert.Equal("capture-no-such-key", refused.Text("key"));
        Assert.Null(refused.Text("value_charbuf")); // libs sends no value after a failure

        var create = _tour.Event("fsconfig", 3);
        Assert.Equal(6u, create.UInt32("cmd")); // FSCONFIG_CMD_CREATE
        Assert.Null(create.Text("key"));
        Assert.Empty(create.Bytes("value_bytebuf"));
        Assert.Null(create.Text("value_charbuf"));
    }

    [KernelFact]
    public void Quotactl_must_carry_what_its_command_reads_from_addr_in_libs_encoding()
    {
        const string noDevice = "/dev/capture-no-such-device";
        var record = _tour.Event("quotactl");
        Assert.Equal(noDevice, record.Text("special"));
        Assert.Null(record.Text("quotafilepath"));
        Assert.Equal(1000ul, record.UInt64("dqb_bhardlimit"));
        Assert.Equal(900ul, record.UInt64("dqb_bsoftlimit"));
        Assert.Equal(0ul, record.UInt64("dqb_curspace")); // its valid bit is not set
        Assert.Equal(50ul, record.UInt64("dqb_ihardlimit"));
        Assert.Equal(40ul, record.UInt64("dqb_isoftlimit"));
        Assert.Equal(111ul, record.UInt64("dqb_btime"));
        Assert.Equal(0ul, record.UInt64("dqb_itime"));
        Assert.Equal(0x40, record.UInt16("cmd")); // Q_SETQUOTA
        Assert.Equal(2, record.UInt8("type")); // GRPQUOTA
        Assert.Equal(4321u, record.UInt32("id"));
        Assert.Equal(1, record.UInt8("quota_fmt")); // QFMT_NOT_USED
        Assert.Equal(1, record.UInt8("quota_fmt_out"));

        var info = _tour.Event("quotactl", 1);
        Assert.Equal(0ul, info.UInt64("dqb_bhardlimit"));
        Assert.Equal(3600ul, info.UInt64("dqi_bgrace"));
        Assert.Equal(0ul, info.UInt64("dqi_igrace")); // not valid
        Assert.Equal(1, info.UInt8("dqi_flags"));
        Assert.Equal(0x10, info.UInt16("cmd")); // Q_SETINFO
        Assert.Equal(1, info.UInt8("type")); // USRQUOTA
        Assert.Equal(0u, info.UInt32("id"));

        var on = _tour.Event("quotactl", 2);
        Assert.Equal("/capture-quota-file", on.Text("quotafilepath"));
        Assert.Equal(0x1, on.UInt16("cmd")); // Q_QUOTAON
        Assert.Equal(4, on.UInt8("quota_fmt")); // QFMT_VFS_V0 (kernel 2)
        Assert.Equal(0u, on.UInt32("id")); // the format, not an id

        var format = _tour.Event("quotactl", 3);
        Assert.Equal(0x4, format.UInt16("cmd")); // Q_GETFMT
        Assert.Equal(8, format.UInt8("quota_fmt_out")); // QFMT_VFS_V1 (kernel 4), read back from addr
    }

    [KernelFact]
    public void Close_range_must_carry_the_range_and_its_flags()
    {
        var cloexec = _tour.Event("close_range");
        Assert.Equal(200u, cloexec.UInt32("first"));
        Assert.Equal(201u, cloexec.UInt32("last"));
        Assert.Equal(0x4u, cloexec.UInt32("flags")); // CLOSE_RANGE_CLOEXEC
        var all = _tour.Event("close_range", 1);
        Assert.Equal(200u, all.UInt32("first"));
        Assert.Equal(uint.MaxValue, all.UInt32("last"));
        Assert.Equal(0u, all.UInt32("flags"));
        Assert.Equal(-22, _tour.Event("close_range", 2).Int64("res"));
    }

    /// <summary>libs passes mknod's (userspace) dev through the kernel-to-userspace re-encoding.</summary>
    static uint AsLibsReencodes(uint dev)
    {
        uint major = dev >> 20, minor = dev & 0xfffff;
        return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
    }

    static (uint Major, uint Minor) DeviceNumbersOf(string path)
    {
        var f = StatFields(path, "%t %T");
        return (Convert.ToUInt32(f[0], 16), Convert.ToUInt32(f[1], 16));
    }

    static (uint Dev, ulong Ino) DeviceAndInodeOf(string path)
    {
        var f = StatFields(path, "%d %i");
        return ((uint)ulong.Parse(f[0]), ulong.Parse(f[1]));
    }

    static string[] StatFields(string path, string format)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", format, path]) { RedirectStandardOutput = true })!;
        var output = stat.StandardOutput.ReadToEnd();
        stat.WaitForExit();
        return output.Trim().Split(' ');
    }
}
