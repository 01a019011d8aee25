using System.Text;
using Capture.Native.Files;
using Capture.Native.ProcFs;
using Capture.Native.Processes;
using Capture.Native.Schema;
using Capture.Native.Specs.Formatting;

namespace Capture.Native.Specs.Processes;

/// <summary>
/// The process state behind proc.sid, proc.tty, proc.fdlimit, proc.nthreads and the like:
/// what clone copies, what execve, setsid and the rlimit calls change, and what the process
/// list and /proc give at the start. (The agreement with sysdig over whole captures is in
/// Capture.Host.Specs' FieldAgreementSpecs.)
/// </summary>
public sealed class ProcessStateSpecs
{
    const long Shell = 3200;
    const long Child = 3300;
    const uint CloneThread = 0x2000;
    const byte OpenFiles = 7;
    const byte Stack = 3;

    static ThreadTable WithShell()
    {
        var threads = new ThreadTable();
        threads.Add(new ThreadEntry(Shell, Shell, 1, "bash", "/bin/bash", "/bin/bash", ["-l"], "/home/ubuntu", 1000, 1000)
            { Sid = Shell, Vpgid = Shell, Tty = 34816, LoginUid = 1000, FdLimit = 1024, Env = "HOME=/home/ubuntu\0TERM=xterm\0" });
        return threads;
    }

    static void Observe(ThreadTable threads, byte[] frame) => threads.Observe(FrameBuilder.View(frame));

    static byte[] CloneExit(long tid, long result, uint flags, long pid, ulong timestamp = 1_000) =>
        new FrameBuilder(EventIds.PPME_SYSCALL_CLONE_20_X, timestamp, (ulong)tid)
            .I64(result).Str("/bin/bash").Empty().I64(tid).I64(pid).I64(Shell).Str("")
            .I64(4096).U64(0).U64(0).U32(0).U32(0).U32(0).Str("bash").Add(Encoding.ASCII.GetBytes("cpu=/user.slice\0"))
            .U32(flags).U32(1000).U32(1000).I64(tid).I64(pid)
            .Build();

    [Fact]
    public void A_forked_process_copies_session_terminal_login_user_and_environment_and_takes_the_clones_limit()
    {
        var threads = WithShell();
        Observe(threads, CloneExit(Shell, Child, flags: 0, pid: Shell, timestamp: 5_000));
        var child = threads.Find(Child)!;
        Assert.Equal((Shell, Shell, 34816, 1000), (child.Sid, child.Vpgid, child.Tty, child.LoginUid));
        Assert.Equal("HOME=/home/ubuntu\0TERM=xterm\0", Encoding.ASCII.GetString(child.Env));
        Assert.Equal(4096, child.FdLimit);
        Assert.Equal("cpu=/user.slice\0", Encoding.ASCII.GetString(child.Cgroups));
        Assert.Equal(5_000ul, child.CloneTime);
        Assert.Equal(0ul, threads.Find(Shell)!.CloneTime); // listed, not seen being cloned
    }

    [Fact]
    public void Threads_are_counted_on_their_process_until_they_exit()
    {
        var threads = WithShell();
        Observe(threads, CloneExit(Shell, Child, CloneThread, pid: Shell));
        Observe(threads, CloneExit(Shell, Child + 1, CloneThread, pid: Shell));
        Assert.Equal(2, threads.ThreadsBesidesMain(Shell));
        Assert.Equal(0, threads.ThreadsBesidesMain(Child));
        Observe(threads, new FrameBuilder(EventIds.PPME_PROCEXIT_1_E, tid: Child).I64(0).I64(0).U8(0).U8(0).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_BRK_4_E, tid: Shell).U64(0).Build());
        Assert.Equal(1, threads.ThreadsBesidesMain(Shell));
    }

    [Fact]
    public void Memory_calls_report_the_threads_sizes_and_a_context_switch_its_faults_and_its_process_sizes()
    {
        var threads = WithShell();
        Observe(threads, CloneExit(Shell, Child, CloneThread, pid: Shell));
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_BRK_4_X, tid: Child).U64(0).U32(500).U32(40).U32(1).Build());
        Assert.Equal((500u, 40u, 1u), (threads.Find(Child)!.VmSizeKb, threads.Find(Child)!.VmRssKb, threads.Find(Child)!.VmSwapKb));
        Observe(threads, new FrameBuilder(EventIds.PPME_SCHEDSWITCH_6_E, tid: Child).I64(Shell).U64(3).U64(90).U32(700).U32(60).U32(0).Build());
        Assert.Equal((3ul, 90ul), (threads.Find(Child)!.MajorFaults, threads.Find(Child)!.MinorFaults));
        Assert.Equal((700u, 60u), (threads.Find(Shell)!.VmSizeKb, threads.Find(Shell)!.VmRssKb)); // the main thread's
        Assert.Equal(500u, threads.Find(Child)!.VmSizeKb);
    }

    [Fact]
    public void Setsid_makes_the_thread_lead_a_session_of_its_own_when_it_succeeds()
    {
        var threads = WithShell();
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_SETSID_X, tid: Shell).I64(-1).Build());
        Assert.Equal(Shell, threads.Find(Shell)!.Sid);
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_SETSID_X, tid: Shell).I64(4242).Build());
        Assert.Equal(4242, threads.Find(Shell)!.Sid);
    }

    [Theory]
    [InlineData(OpenFiles, 0, 65536, 65536)]
    [InlineData(OpenFiles, -1, 65536, 1024)] // failed: unchanged
    [InlineData(OpenFiles, 0, -1, 1024)] // "unlimited" is not a number libsinsp keeps
    [InlineData(Stack, 0, 8388608, 1024)] // another resource
    public void Setrlimit_of_open_files_sets_the_process_limit(byte resource, long result, long current, long expected)
    {
        var threads = WithShell();
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_SETRLIMIT_E, tid: Shell).U8(resource).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_SETRLIMIT_X, tid: Shell).I64(result).I64(current).I64(current).Build());
        Assert.Equal(expected, threads.Find(Shell)!.FdLimit);
    }

    [Fact]
    public void Execve_takes_the_exe_path_from_its_enter_against_the_working_directory_and_the_rest_from_its_exit()
    {
        var threads = WithShell();
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_EXECVE_19_E, tid: Shell).Str("./bin/../tool").Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_EXECVE_19_X, tid: Shell)
            .I64(0).Str("tool").Empty().I64(Shell).I64(Shell).I64(1).Str("/home/ubuntu")
            .U64(2048).U64(0).U64(0).U32(0).U32(0).U32(0).Str("tool").Empty().Add(Encoding.ASCII.GetBytes("A=1\0"))
            .I32(0).I64(77).I32(-1).U32(1) // tty, vpgid, loginuid, flags: EXE_WRITABLE
            .Build());
        var shell = threads.Find(Shell)!;
        Assert.Equal("/home/ubuntu/tool", Encoding.UTF8.GetString(shell.ExePath));
        Assert.Equal((0, 77L, -1, 2048L, true), (shell.Tty, shell.Vpgid, shell.LoginUid, shell.FdLimit, shell.ExeWritable));
        Assert.Equal("A=1\0", Encoding.ASCII.GetString(shell.Env));
        Assert.Equal(Shell, shell.Sid); // execve leaves the session
    }

    [Fact]
    public void A_thread_met_only_in_events_has_exe_NA_and_its_clones_take_the_clone_events_own()
    {
        var threads = new ThreadTable();
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_BRK_4_E, tid: Shell).U64(0).Build());
        Assert.Equal("<NA>", Encoding.UTF8.GetString(threads.Find(Shell)!.Exe));
        Observe(threads, CloneExit(Shell, Child, flags: 0, pid: Shell));
        var child = threads.Find(Child)!;
        Assert.Equal("/bin/bash", Encoding.UTF8.GetString(child.Exe));
        Assert.Equal((-1L, 0), (child.Sid, child.LoginUid)); // libsinsp's defaults when the parent has nothing to give
    }

    [Fact]
    public void A_written_process_list_reads_back_with_session_login_user_environment_limit_and_exe_writability()
    {
        var entry = new ThreadEntry(10, 10, 1, "sshd", "sshd", "/usr/sbin/sshd", ["-D"], "/", 0, 0)
            { Sid = 10, Vpgid = 10, LoginUid = 1000, Env = "LANG=C\0", FdLimit = 1024, ExeWritable = true, Cgroups = "cpu=/\0" };
        var cursor = new BodyCursor(ProcessListEncoder.EncodeBody([entry]), "proclist", 0);
        var read = new List<ThreadEntry>();
        ProcessListParser.Parse(ref cursor, 9, read.Add);
        var back = Assert.Single(read);
        Assert.Equal((10L, 10L, 1000, "LANG=C\0", 1024L, true, "/usr/sbin/sshd"),
            (back.Sid, back.Vpgid, back.LoginUid, back.Env, back.FdLimit, back.ExeWritable, back.ExePath));
    }

    [Fact]
    public void The_proc_scan_reads_session_group_terminal_login_user_environment_limit_memory_and_faults()
    {
        var root = Directory.CreateTempSubdirectory("fake-proc-");
        try
        {
            var dir = Directory.CreateDirectory(Path.Combine(root.FullName, "321"));
            Directory.CreateDirectory(Path.Combine(dir.FullName, "task", "321"));
            File.WriteAllText(Path.Combine(dir.FullName, "status"),
                "Name:\tvim\nTgid:\t321\nPPid:\t300\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\nNSpgid:\t321\t5\nVmSize:\t  9000 kB\nVmRSS:\t  800 kB\nVmSwap:\t 7 kB\n");
            File.WriteAllText(Path.Combine(dir.FullName, "comm"), "vim\n");
            File.WriteAllText(Path.Combine(dir.FullName, "cmdline"), "vim\0notes (1).txt\0");
            // A command name with spaces and parentheses: the fields are counted after its last ')'.
            File.WriteAllText(Path.Combine(dir.FullName, "stat"), "321 (vim (x) y) S 300 321 250 34817 321 4194304 55 0 6 0\n");
            File.WriteAllText(Path.Combine(dir.FullName, "loginuid"), "4294967295");
            File.WriteAllText(Path.Combine(dir.FullName, "environ"), "TERM=xterm\0");
            File.WriteAllText(Path.Combine(dir.FullName, "limits"),
                "Limit                     Soft Limit           Hard Limit           Units     \nMax open files            1024                 524288               files     \n");
            var vim = Assert.Single(ProcScanner.Scan(root.FullName));
            Assert.Equal((250L, 5L, 34817, -1, "TERM=xterm\0", 1024L), (vim.Sid, vim.Vpgid, vim.Tty, vim.LoginUid, vim.Env, vim.FdLimit));
            Assert.Equal((9000u, 800u, 7u, 55ul, 6ul), (vim.VmSizeKb, vim.VmRssKb, vim.VmSwapKb, vim.MinorFaults, vim.MajorFaults));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
