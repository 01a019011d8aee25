using System.Text;
using Capture.Native.Processes;
using Capture.Native.Schema;
using Capture.Native.Specs.Formatting;

namespace Capture.Native.Specs.Processes;

public sealed class ThreadTableSpecs
{
    const long Shell = 3200;
    const long Child = 3300;
    const uint CloneThread = 0x2000;

    static ThreadTable WithShell()
    {
        var threads = new ThreadTable();
        threads.Add(new ThreadEntry(Shell, Shell, 1, "bash", "/bin/bash", "/bin/bash", ["-l"], "/home/ubuntu", 1000, 1000));
        return threads;
    }

    static void Observe(ThreadTable threads, byte[] frame) => threads.Observe(FrameBuilder.View(frame));

    static string Comm(ThreadTable threads, long tid) => threads.Find(tid)?.CommText ?? "(none)";

    static byte[] Execve(long tid, long result, string exe, string comm) =>
        new FrameBuilder(EventIds.PPME_SYSCALL_EXECVE_19_X, tid: (ulong)tid)
            .I64(result).Str(exe).Add(Encoding.ASCII.GetBytes("-6\0http://x\0")).I64(tid).I64(tid).I64(Shell).Str("/tmp")
            .U64(1024).U64(0).U64(0).U32(0).U32(0).U32(0).Str(comm).Build();

    static byte[] CloneExit(long tid, long result, uint flags = 0, string comm = "bash", long pid = -1, long ptid = Shell) =>
        new FrameBuilder(EventIds.PPME_SYSCALL_CLONE_20_X, tid: (ulong)tid)
            .I64(result).Str("/bin/bash").Empty().I64(tid).I64(pid < 0 ? tid : pid).I64(ptid).Str("")
            .I64(1024).U64(0).U64(0).U32(0).U32(0).U32(0).Str(comm).Empty().U32(flags).U32(0).U32(0).I64(tid).I64(pid < 0 ? tid : pid)
            .Build();

    [Fact]
    public void Process_list_entries_are_found_by_tid()
    {
        var threads = WithShell();
        var shell = threads.Find(Shell)!;
        Assert.Equal("bash", shell.CommText);
        Assert.Equal("/home/ubuntu/", Encoding.UTF8.GetString(threads.CwdOf(shell)));
        Assert.Null(threads.Find(1));
    }

    [Fact]
    public void Execve_exit_renames_the_thread_before_its_own_line()
    {
        var threads = WithShell();
        Observe(threads, Execve(Shell, 0, "curl", "curl"));
        Assert.Equal("curl", Comm(threads, Shell));
        Assert.Equal("-6\0http://x\0", Encoding.ASCII.GetString(threads.Find(Shell)!.Args));
    }

    [Fact]
    public void A_failed_execve_changes_nothing()
    {
        var threads = WithShell();
        Observe(threads, Execve(Shell, -2, "nope", "nope"));
        Assert.Equal("bash", Comm(threads, Shell));
    }

    [Fact]
    public void An_unknown_thread_is_added_as_sysdig_adds_it_with_no_name()
    {
        var threads = new ThreadTable();
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_BRK_4_E, tid: 42).U64(0).Build());
        Assert.Equal("<NA>", Comm(threads, 42));
    }

    [Fact]
    public void A_live_table_asks_the_system_once_about_an_unknown_thread_and_learns_its_process_too()
    {
        var asked = new List<long>();
        var threads = new ThreadTable(tid =>
        {
            asked.Add(tid);
            return tid switch
            {
                43 => new ThreadEntry(43, 40, 1, "worker", "/usr/bin/server", "/usr/bin/server", [], "/srv", 0, 0),
                40 => new ThreadEntry(40, 40, 1, "server", "/usr/bin/server", "/usr/bin/server", [], "/srv", 0, 0),
                _ => null,
            };
        });
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_BRK_4_E, tid: 43).U64(0).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_BRK_4_E, tid: 43).U64(0).Build());
        Assert.Equal("worker", Comm(threads, 43));
        Assert.Equal("server", Comm(threads, 40));
        Assert.Equal(40, threads.Find(43)!.Pid);

        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_BRK_4_E, tid: 99).U64(0).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_BRK_4_E, tid: 99).U64(0).Build());
        Assert.Equal("<NA>", Comm(threads, 99)); // gone from the system: unknown, as sysdig shows it
        Assert.Equal([43, 40, 99], asked);
    }

    [Fact]
    public void Scheduler_switches_and_internal_events_add_no_thread()
    {
        var threads = new ThreadTable();
        Observe(threads, new FrameBuilder(EventIds.PPME_SCHEDSWITCH_6_E, tid: 7).I64(1).U64(0).U64(0).U32(0).U32(0).U32(0).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_PROCINFO_E, tid: 8).U64(0).U64(0).Build());
        Assert.Equal(0, threads.Count);
    }

    [Fact]
    public void The_parents_clone_exit_creates_a_child_named_after_the_parent()
    {
        var threads = WithShell();
        Observe(threads, CloneExit(Shell, Child));
        var child = threads.Find(Child)!;
        Assert.Equal("bash", child.CommText);
        Assert.Equal(Child, child.Pid);
        Assert.Equal(Shell, child.ParentTid);
        Assert.Equal("/home/ubuntu/", Encoding.UTF8.GetString(threads.CwdOf(child)));
    }

    [Fact]
    public void The_childs_clone_exit_arriving_first_creates_it_and_the_parents_then_keeps_it()
    {
        var threads = WithShell();
        Observe(threads, CloneExit(Child, 0, comm: "bash"));
        var child = threads.Find(Child)!;
        Assert.Equal("bash", child.CommText);
        Observe(threads, CloneExit(Shell, Child));
        Assert.Same(child, threads.Find(Child));
    }

    [Fact]
    public void A_vfork_child_a_live_table_learnt_from_the_system_keeps_its_new_name_when_the_parents_exit_comes_after_its_execve()
    {
        // vfork: the parent's exit comes only once the child has exec'd, after the child's own
        // exit; a live table met the child at its own exit and asked the system about it.
        var threads = new ThreadTable(tid => tid == Child
            ? new ThreadEntry(Child, Child, Shell, "bash", "/bin/bash", "/bin/bash", [], "/home/ubuntu", 1000, 1000)
            : null);
        threads.Add(new ThreadEntry(Shell, Shell, 1, "bash", "/bin/bash", "/bin/bash", ["-l"], "/home/ubuntu", 1000, 1000));
        Observe(threads, CloneExit(Child, 0, comm: "bash"));
        Observe(threads, Execve(Child, 0, "/usr/bin/curl", "curl"));
        Observe(threads, CloneExit(Shell, Child));
        Assert.Equal("curl", Comm(threads, Child));
    }

    [Fact]
    public void A_new_thread_shares_its_process_pid_and_files()
    {
        var threads = WithShell();
        threads.AddFd(Shell, 5, new FdEntry(FdKind.File, 0, "/var/log/x"u8.ToArray()));
        Observe(threads, CloneExit(Shell, Child, flags: CloneThread, pid: Shell));
        var thread = threads.Find(Child)!;
        Assert.Equal(Shell, thread.Pid);
        Assert.NotNull(threads.FindFd(thread, 5));
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_CLOSE_E, tid: Child).I64(5).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_CLOSE_X, tid: Child).I64(0).Build());
        Assert.Null(threads.FindFd(threads.Find(Shell)!, 5));
    }

    [Fact]
    public void A_forked_process_gets_a_copy_of_the_parents_files()
    {
        var threads = WithShell();
        threads.AddFd(Shell, 5, new FdEntry(FdKind.File, 0, "/var/log/x"u8.ToArray()));
        Observe(threads, CloneExit(Shell, Child));
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_CLOSE_E, tid: Child).I64(5).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_CLOSE_X, tid: Child).I64(0).Build());
        Assert.Null(threads.FindFd(threads.Find(Child)!, 5));
        Assert.NotNull(threads.FindFd(threads.Find(Shell)!, 5));
    }

    [Fact]
    public void A_clone_exit_seen_inside_a_container_creates_nothing_from_the_parents_side()
    {
        var threads = WithShell();
        const uint childInPidNamespace = 0x20000000;
        Observe(threads, CloneExit(Shell, Child, flags: childInPidNamespace));
        Assert.Null(threads.Find(Child));
    }

    [Fact]
    public void Procexit_removes_the_thread_only_after_its_own_event()
    {
        var threads = WithShell();
        Observe(threads, new FrameBuilder(EventIds.PPME_PROCEXIT_1_E, tid: Shell).I64(0).I64(0).U8(0).U8(0).I64(0).Build());
        Assert.NotNull(threads.Find(Shell));
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_BRK_4_E, tid: 1).U64(0).Build());
        Assert.Null(threads.Find(Shell));
    }

    [Fact]
    public void Chdir_moves_the_working_directory_of_the_whole_process()
    {
        var threads = WithShell();
        Observe(threads, CloneExit(Shell, Child, flags: CloneThread, pid: Shell));
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_CHDIR_X, tid: Child).I64(0).Str("../x/./y").Build());
        Assert.Equal("/home/x/y/", Encoding.UTF8.GetString(threads.CwdOf(threads.Find(Shell)!)));
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_CHDIR_X, tid: Shell).I64(-2).Str("/nope").Build());
        Assert.Equal("/home/x/y/", Encoding.UTF8.GetString(threads.CwdOf(threads.Find(Child)!)));
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_CHDIR_X, tid: Shell).I64(0).Str("/").Build());
        Assert.Equal("/", Encoding.UTF8.GetString(threads.CwdOf(threads.Find(Child)!)));
    }

    [Fact]
    public void Fchdir_moves_the_working_directory_to_the_directory_of_the_fd()
    {
        var threads = WithShell();
        threads.AddFd(Shell, 9, new FdEntry(FdKind.Directory, 0, "/var/log"u8.ToArray()));
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_FCHDIR_E, tid: Shell).I64(9).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_FCHDIR_X, tid: Shell).I64(0).Build());
        Assert.Equal("/var/log/", Encoding.UTF8.GetString(threads.CwdOf(threads.Find(Shell)!)));
    }

    [Fact]
    public void Procinfo_changes_nothing()
    {
        var threads = WithShell();
        Observe(threads, new FrameBuilder(EventIds.PPME_PROCINFO_E, tid: Shell).U64(5).U64(6).Build());
        Assert.Equal("bash", Comm(threads, Shell));
        Assert.Equal(1, threads.Count);
    }

    [Fact]
    public void Open_exit_records_the_absolute_path_of_the_new_fd()
    {
        var threads = WithShell();
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_OPEN_X, tid: Shell).I64(3).Str("notes/../todo.txt").U32(1).U32(0).Build());
        var fd = threads.FindFd(threads.Find(Shell)!, 3)!;
        Assert.Equal(FdKind.File, fd.Kind);
        Assert.Equal("/home/ubuntu/todo.txt", Encoding.UTF8.GetString(fd.Name));
    }

    [Fact]
    public void Openat_exit_resolves_against_its_directory_fd_and_marks_directories()
    {
        var threads = WithShell();
        threads.AddFd(Shell, 9, new FdEntry(FdKind.Directory, 0, "/etc"u8.ToArray()));
        const uint directory = 0x400;
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_OPENAT_2_X, tid: Shell).I64(4).I64(9).Str("ssl").U32(1 | directory).U32(0).Build());
        var fd = threads.FindFd(threads.Find(Shell)!, 4)!;
        Assert.Equal(FdKind.Directory, fd.Kind);
        Assert.Equal("/etc/ssl", Encoding.UTF8.GetString(fd.Name));
    }

    [Fact]
    public void An_old_openat_exit_takes_its_directory_and_name_from_the_enter_event()
    {
        var threads = WithShell();
        threads.AddFd(Shell, 9, new FdEntry(FdKind.Directory, 0, "/etc"u8.ToArray()));
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_OPENAT_E, tid: Shell).I64(9).Str("hosts").U32(1).U32(0).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_OPENAT_X, tid: Shell).I64(5).Build());
        Assert.Equal("/etc/hosts", Encoding.UTF8.GetString(threads.FindFd(threads.Find(Shell)!, 5)!.Name));
    }

    [Fact]
    public void An_exit_does_not_borrow_arguments_from_another_calls_enter()
    {
        var threads = WithShell();
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_OPENAT_E, tid: Shell).I64(-100).Str("stale").U32(1).U32(0).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_CLOSE_X, tid: Shell).I64(0).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_OPEN_X, tid: Shell).I64(6).Build());
        Assert.Equal("", Encoding.UTF8.GetString(threads.FindFd(threads.Find(Shell)!, 6)!.Name));
    }

    [Fact]
    public void A_failed_open_adds_no_fd()
    {
        var threads = WithShell();
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_OPEN_X, tid: Shell).I64(-2).Str("/nope").U32(1).U32(0).Build());
        Assert.Null(threads.FindFd(threads.Find(Shell)!, -2));
    }

    [Fact]
    public void A_connected_socket_is_named_by_its_tuple_with_the_transport_of_its_type()
    {
        var threads = WithShell();
        Observe(threads, new FrameBuilder(EventIds.PPME_SOCKET_SOCKET_E, tid: Shell).U32(2).U32(2).U32(0).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SOCKET_SOCKET_X, tid: Shell).I64(4).Build());
        var shell = threads.Find(Shell)!;
        var created = threads.FindFd(shell, 4)!;
        Assert.Equal((FdKind.Ipv4Socket, (byte)0, (byte)'u'), (created.Kind, created.Transport, created.SocketTransport));
        byte[] tuple = [2, 10, 0, 0, 5, 0x39, 0x30, 8, 8, 8, 8, 53, 0];
        Observe(threads, new FrameBuilder(EventIds.PPME_SOCKET_CONNECT_E, tid: Shell).I64(4).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SOCKET_CONNECT_X, tid: Shell).I64(0).Add(tuple).Build());
        var socket = threads.FindFd(shell, 4)!;
        Assert.Equal((byte)'u', socket.Transport);
        Assert.Equal("10.0.0.5:12345->8.8.8.8:53", Encoding.UTF8.GetString(socket.Name));
    }

    static byte[] UnixTuple(ulong first, ulong second, string name) =>
        [1, .. BitConverter.GetBytes(first), .. BitConverter.GetBytes(second), .. Encoding.ASCII.GetBytes(name), 0];

    [Fact]
    public void A_unix_socket_is_named_by_the_address_its_connect_starts_with_then_by_the_tuple()
    {
        // sysdig 0.29.3 on a capture file from this probe: "> connect fd=4(<u>/run/x.sock)",
        // then after the exit "fd=4(<u>ffff8881...->ffff8881... /run/x.sock)"
        var threads = WithShell();
        threads.AddFd(Shell, 4, new FdEntry(FdKind.UnixSocket, 0, []));
        var shell = threads.Find(Shell)!;
        Observe(threads, new FrameBuilder(EventIds.PPME_SOCKET_CONNECT_E, tid: Shell).I64(4).Add([1, .. "/run/x.sock\0"u8]).Build());
        Assert.Equal("/run/x.sock", Encoding.UTF8.GetString(threads.FindFd(shell, 4)!.Name));
        Observe(threads, new FrameBuilder(EventIds.PPME_SOCKET_CONNECT_X, tid: Shell)
            .I64(0).Add(UnixTuple(0xffff888106370900, 0xffff888106373180, "/run/x.sock")).I64(4).Add([1, .. "/run/x.sock\0"u8]).Build());
        var socket = threads.FindFd(shell, 4)!;
        Assert.Equal((FdKind.UnixSocket, (byte)0), (socket.Kind, socket.Transport));
        Assert.Equal("ffff888106370900->ffff888106373180 /run/x.sock", Encoding.UTF8.GetString(socket.Name));
    }

    [Fact]
    public void An_ip_connect_keeps_the_sockets_name_until_its_exit()
    {
        var threads = WithShell();
        threads.AddFd(Shell, 4, new FdEntry(FdKind.Ipv4Socket, 0, []));
        Observe(threads, new FrameBuilder(EventIds.PPME_SOCKET_CONNECT_E, tid: Shell).I64(4).Add([2, 8, 8, 8, 8, 53, 0]).Build());
        Assert.Empty(threads.FindFd(threads.Find(Shell)!, 4)!.Name);
    }

    [Fact]
    public void Data_on_a_unix_socket_renames_it_by_the_tuple_of_the_exit_or_of_an_old_sendto_enter()
    {
        var threads = WithShell();
        var shell = threads.Find(Shell)!;
        threads.AddFd(Shell, 5, new FdEntry(FdKind.UnixSocket, 0, "ffff888106370900->ffff888106373180 /run/x.sock"u8.ToArray()));

        // an accepted socket answering its unbound client: current layout, tuple in the exit
        Observe(threads, new FrameBuilder(EventIds.PPME_SOCKET_SENDTO_X, tid: Shell)
            .I64(4).Add("pong"u8.ToArray()).I64(5).U32(4).Add(UnixTuple(0xffff888106373180, 0xffff888106370900, "")).Build());
        Assert.Equal("ffff888106373180->ffff888106370900 ", Encoding.UTF8.GetString(threads.FindFd(shell, 5)!.Name));

        // old layout: fd and tuple only in the enter event
        Observe(threads, new FrameBuilder(EventIds.PPME_SOCKET_SENDTO_E, tid: Shell)
            .I64(5).U32(4).Add(UnixTuple(0, 0xffff888106373a80, "/run/dgram.sock")).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SOCKET_SENDTO_X, tid: Shell).I64(4).Add("ping"u8.ToArray()).Build());
        Assert.Equal("0->ffff888106373a80 /run/dgram.sock", Encoding.UTF8.GetString(threads.FindFd(shell, 5)!.Name));

        // a failed receive changes nothing
        Observe(threads, new FrameBuilder(EventIds.PPME_SOCKET_RECVFROM_X, tid: Shell)
            .I64(-11).Empty().Add(UnixTuple(1, 2, "/other")).I64(5).U32(16).Build());
        Assert.Equal("0->ffff888106373a80 /run/dgram.sock", Encoding.UTF8.GetString(threads.FindFd(shell, 5)!.Name));
    }

    [Fact]
    public void Pipe_exit_adds_both_ends()
    {
        var threads = WithShell();
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_PIPE_X, tid: Shell).I64(0).I64(3).I64(4).U64(99).Build());
        var shell = threads.Find(Shell)!;
        Assert.Equal(FdKind.Fifo, threads.FindFd(shell, 3)!.Kind);
        Assert.Equal(FdKind.Fifo, threads.FindFd(shell, 4)!.Kind);
    }

    [Fact]
    public void Dup_and_fcntl_dupfd_give_the_new_fd_the_old_ones_name()
    {
        var threads = WithShell();
        threads.AddFd(Shell, 3, new FdEntry(FdKind.File, 0, "/var/log/x"u8.ToArray()));
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_DUP_1_X, tid: Shell).I64(7).I64(3).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_FCNTL_E, tid: Shell).I64(3).U8(0x1a).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_FCNTL_X, tid: Shell).I64(8).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_FCNTL_E, tid: Shell).I64(3).U8(5).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_FCNTL_X, tid: Shell).I64(0).Build());
        var shell = threads.Find(Shell)!;
        Assert.Equal("/var/log/x", Encoding.UTF8.GetString(threads.FindFd(shell, 7)!.Name));
        Assert.Equal("/var/log/x", Encoding.UTF8.GetString(threads.FindFd(shell, 8)!.Name));
        Assert.Null(threads.FindFd(shell, 0));
    }

    [Fact]
    public void Socketpair_exit_adds_two_unix_sockets()
    {
        var threads = WithShell();
        Observe(threads, new FrameBuilder(EventIds.PPME_SOCKET_SOCKETPAIR_X, tid: Shell).I64(0).I64(5).I64(6).U64(1).U64(2).Build());
        var shell = threads.Find(Shell)!;
        Assert.Equal(FdKind.UnixSocket, threads.FindFd(shell, 5)!.Kind);
        Assert.Equal(FdKind.UnixSocket, threads.FindFd(shell, 6)!.Kind);
    }

    [Fact]
    public void Malformed_state_events_are_ignored_without_throwing()
    {
        var threads = WithShell();
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_EXECVE_19_X, tid: Shell).Add(1, 2, 3).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_CLONE_20_X, tid: Shell).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SYSCALL_OPEN_X, tid: Shell).I64(3).Build());
        Observe(threads, new FrameBuilder(EventIds.PPME_SOCKET_BIND_X, tid: Shell).I64(0).Add(2).Build());
        Assert.Equal("bash", Comm(threads, Shell));
    }
}
