using System.Buffers.Binary;
using System.Text;
using Capture.Native.Events;
using Capture.Native.Probe;
using Capture.Native.Processes;
using Capture.Native.Schema;

namespace Capture.Native.Specs.Probe;

/// <summary>
/// driver/testprog's "tour-proc" makes the ids, session, limit, module, semaphore, keyctl,
/// pidfd, process_vm, memory-lock and socket query/batch calls with known arguments under
/// the real probe. Each must come back as libs' current exit event with every parameter the
/// schema lists, inside the call, carrying exactly the values libs' probe puts there (flags
/// in libs' encoding); what the kernel wrote back comes from the program's own output.
/// </summary>
public sealed class ProcessFillerSpecs : IClassFixture<ProcessFillerSpecs.Run>
{
    public sealed class Run : IDisposable
    {
        public Run()
        {
            if (ProbeAvailability.Missing is not null) return;
            Directory = System.IO.Directory.CreateTempSubdirectory("capture-tour-proc-");
            using var probe = ModernProbe.Load(new ProbeSettings());
            using var captured = new CapturedEvents(probe);
            probe.Attach();
            Calls = TestProgram.Run(out var pid, "tour-proc", Directory.FullName);
            Pid = pid;
            probe.Detach();
            Frames = captured.StopAndCollect().Where(f => FrameReading.ThreadIdOf(f) == (ulong)pid)
                .OrderBy(f => FrameReading.View(f).Timestamp).ToArray();
        }

        public DirectoryInfo Directory { get; } = null!;
        public string NotAModule => Path.Combine(Directory.FullName, "not-a-module");
        public IReadOnlyList<KnownCall> Calls { get; } = [];
        public int Pid { get; }
        public IReadOnlyList<byte[]> Frames { get; } = [];

        public KnownCall Call(string name, int occurrence = 0) => Calls.Where(c => c.Name == name).ElementAt(occurrence);

        /// <summary>The fields of an output line that is not a call ("rlimit CUR MAX").</summary>
        public string[] Line(string name) => Calls.Single(c => c.Name == name).Fields;

        public long Number(string name, int field = 1) => long.Parse(Line(name)[field]);

        /// <summary>The current exit events of the call's syscall whose timestamps lie inside it, in order.</summary>
        public List<byte[]> Inside(KnownCall call)
        {
            var id = CurrentExit(call.Name).Id;
            return Frames.Where(f =>
            {
                var view = FrameReading.View(f);
                return view.Type == id && view.Timestamp >= call.Before && view.Timestamp <= call.After;
            }).ToList();
        }

        public EventView One(string name, int occurrence = 0)
        {
            var call = Call(name, occurrence);
            var inside = Inside(call);
            Assert.True(inside.Count == 1, $"expected one {name} exit inside call {occurrence}, found {inside.Count}");
            return FrameReading.View(inside[0]);
        }

        public void Dispose() => Directory?.Delete(recursive: true);
    }

    readonly Run _run;

    public ProcessFillerSpecs(Run run) => _run = run;

    static EventInfo CurrentExit(string name) => EventTable.All.ToArray().Single(e => e.Name == name
        && e.Direction == EventDirection.Exit && (e.Flags & (EventFlags.OLD_VERSION | EventFlags.UNUSED)) == 0);

    public static TheoryData<string> Syscalls() =>
    [
        "init_module", "finit_module", "delete_module", "getrlimit", "setpgid", "setsid", "semget", "semctl",
        "semop", "keyctl", "pidfd_open", "pidfd_getfd", "process_vm_readv", "process_vm_writev", "mlock",
        "munlock", "mlock2", "mlockall", "munlockall", "getsockname", "getpeername", "sendmmsg", "recvmmsg",
        "getuid", "getgid", "geteuid", "getegid", "getresuid", "getresgid", "setreuid", "setregid",
    ];

    /// <summary>
    /// One event per call, except sendmmsg/recvmmsg that moved messages: one per message,
    /// whose res is that message's length. The get*id calls carry their result as the id.
    /// </summary>
    [KernelTheory]
    [MemberData(nameof(Syscalls))]
    public void Each_call_must_emit_the_current_libs_exit_event_with_every_parameter_and_its_result(string syscall)
    {
        var expected = CurrentExit(syscall);
        var calls = _run.Calls.Where(c => c.Name == syscall).ToList();
        Assert.NotEmpty(calls);
        foreach (var call in calls)
        {
            var inside = _run.Inside(call);
            Assert.Equal(syscall.EndsWith("mmsg") && call.Result > 0 ? call.Result : 1, inside.Count);
            foreach (var frame in inside)
            {
                var view = FrameReading.View(frame);
                Assert.Equal(expected.Params.Length, view.ParamCount);
                if (expected.Params.Length == 0 || syscall.EndsWith("mmsg") && call.Result > 0) continue;
                var result = view.Param(0).Length == 4 ? view.UInt32(0) : view.Int64(0);
                Assert.Equal(call.Result, result);
            }
        }
    }

    [KernelFact]
    public void Module_calls_must_carry_the_image_its_length_the_arguments_the_fd_the_name_and_portable_flags()
    {
        var init = _run.One("init_module");
        Assert.Equal("not-a-module\0\u0001\u0002\u0003"u8.ToArray(), init.Param(1).ToArray());
        Assert.Equal(16UL, init.UInt64(2));
        Assert.Equal("capture=1", init.Text(3));

        var finit = _run.One("finit_module");
        Assert.Equal(_run.Number("file-fd"), finit.Int64(1));
        Assert.Equal("capture=2", finit.Text(2));
        Assert.Equal(0x1u | 0x2, finit.UInt32(3)); // MODULE_INIT_IGNORE_MODVERSIONS|IGNORE_VERMAGIC

        var delete = _run.One("delete_module");
        Assert.Equal("capture_not_loaded", delete.Text(1));
        Assert.Equal(0x2u | 0x1, delete.UInt32(2)); // O_NONBLOCK|O_TRUNC (kernel 04000|01000)
    }

    [KernelFact]
    public void Getrlimit_must_carry_the_limits_the_kernel_wrote_back_or_minus_one_after_a_failure()
    {
        var ok = _run.One("getrlimit");
        Assert.Equal(_run.Number("rlimit", 1), ok.Int64(1));
        Assert.Equal(_run.Number("rlimit", 2), ok.Int64(2));
        Assert.Equal(7, ok.Param(3)[0]); // RLIMIT_NOFILE
        var failed = _run.One("getrlimit", 1);
        Assert.Equal(-1, failed.Int64(1));
        Assert.Equal(-1, failed.Int64(2));
        Assert.Equal(0xff, failed.Param(3)[0]); // RLIMIT_UNKNOWN for resource 99
    }

    [KernelFact]
    public void Setpgid_must_carry_pid_and_pgid_as_signed_ids()
    {
        var own = _run.One("setpgid");
        Assert.Equal(0, own.Int64(1));
        Assert.Equal(0, own.Int64(2));
        var negative = _run.One("setpgid", 1);
        Assert.Equal(-22, negative.Int64(0)); // EINVAL
        Assert.Equal(-5, negative.Int64(1));
    }

    [KernelFact]
    public void Semaphore_calls_must_carry_ids_portable_flags_and_commands_and_the_first_two_operations()
    {
        var semid = (int)_run.Number("semid");
        var get = _run.One("semget");
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(get.Param(1))); // IPC_PRIVATE
        Assert.Equal(2, BinaryPrimitives.ReadInt32LittleEndian(get.Param(2)));
        Assert.Equal(0x2000u | 0x4000, get.UInt32(3)); // IPC_CREAT|IPC_EXCL (kernel 01000|02000)

        var setval = _run.One("semctl");
        Assert.Equal(semid, BinaryPrimitives.ReadInt32LittleEndian(setval.Param(1)));
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(setval.Param(2)));
        Assert.Equal(0x1000, setval.UInt16(3)); // SETVAL (kernel 16)
        Assert.Equal(5, BinaryPrimitives.ReadInt32LittleEndian(setval.Param(4)));
        var remove = _run.One("semctl", 1);
        Assert.Equal(0x4, remove.UInt16(3)); // IPC_RMID (kernel 0)
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(remove.Param(4)));

        var op = _run.One("semop");
        Assert.Equal(3u, op.UInt32(1));
        Assert.Equal(new ushort[] { 1, unchecked((ushort)-1), 1, 0, 2, 2 }, UInt16s(op, 2, 6)); // IPC_NOWAIT, SEM_UNDO
        Assert.Equal(semid, BinaryPrimitives.ReadInt32LittleEndian(op.Param(8)));
        var failed = _run.One("semop", 1);
        Assert.Equal(1u, failed.UInt32(1));
        Assert.Equal(new ushort[6], UInt16s(failed, 2, 6));
    }

    static ushort[] UInt16s(EventView view, int from, int count)
    {
        var values = new ushort[count];
        for (var i = 0; i < count; i++) values[i] = view.UInt16(from + i);
        return values;
    }

    static uint[] UInt32s(EventView view, int from, int count)
    {
        var values = new uint[count];
        for (var i = 0; i < count; i++) values[i] = view.UInt32(from + i);
        return values;
    }

    /// <summary>keyctl's arguments as PT_DYN: index 0 an int64, index 1 a string.</summary>
    static object[] KeyctlArgs(EventView view)
    {
        var args = new object[4];
        for (var i = 0; i < 4; i++)
        {
            var raw = view.Param(2 + i);
            args[i] = raw[0] == 1 ? Encoding.UTF8.GetString(raw[1..]).TrimEnd('\0') : BinaryPrimitives.ReadInt64LittleEndian(raw[1..]);
        }
        return args;
    }

    [KernelFact]
    public void Keyctl_must_carry_the_operation_and_its_arguments_as_int64_or_string_by_operation()
    {
        var getId = _run.One("keyctl");
        Assert.Equal(0u, getId.UInt32(1)); // KEYCTL_GET_KEYRING_ID
        Assert.Equal(new object[] { -3L, 1L, 0L, 0L }, KeyctlArgs(getId)); // KEY_SPEC_SESSION_KEYRING, create
        var join = _run.One("keyctl", 1);
        Assert.Equal(1u, join.UInt32(1)); // KEYCTL_JOIN_SESSION_KEYRING
        Assert.Equal(new object[] { "capture-session", 0L, 0L, 0L }, KeyctlArgs(join));
        var search = _run.One("keyctl", 2);
        Assert.Equal(-126, search.Int64(0)); // ENOKEY
        Assert.Equal(10u, search.UInt32(1)); // KEYCTL_SEARCH
        Assert.Equal(new object[] { -3L, "user", "capture-missing", 0L }, KeyctlArgs(search));
    }

    [KernelFact]
    public void Pidfd_calls_must_carry_the_pid_portable_flags_and_both_fds()
    {
        var open = _run.One("pidfd_open");
        Assert.Equal(_run.Pid, open.Int64(1));
        Assert.Equal(1u, open.UInt32(2)); // PIDFD_NONBLOCK (kernel O_NONBLOCK)
        var failedOpen = _run.One("pidfd_open", 1);
        Assert.Equal(0, failedOpen.Int64(1));
        Assert.Equal(0u, failedOpen.UInt32(2));

        var getfd = _run.One("pidfd_getfd");
        Assert.Equal(_run.Call("pidfd_open").Result, getfd.Int64(1));
        Assert.Equal(_run.Number("file-fd"), getfd.Int64(2));
        Assert.Equal(0u, getfd.UInt32(3));
        Assert.Equal(999, _run.One("pidfd_getfd", 1).Int64(2));
    }

    [KernelFact]
    public void Process_vm_calls_must_carry_the_pid_and_the_data_that_moved()
    {
        var read = _run.One("process_vm_readv");
        Assert.Equal(_run.Pid, read.Int64(1));
        Assert.Equal("process-vm-data!", read.Text(2));
        var write = _run.One("process_vm_writev");
        Assert.Equal("written-by-vm-wr", write.Text(2));
        var failed = _run.One("process_vm_readv", 1);
        Assert.Equal(0x7fffffff, failed.Int64(1));
        Assert.Equal(0, failed.Param(2).Length);
    }

    [KernelFact]
    public void Memory_lock_calls_must_carry_address_length_and_portable_flags()
    {
        var page = (ulong)_run.Number("page");
        foreach (var (name, occurrence, length) in new[] { ("mlock", 0, 4096UL), ("munlock", 0, 4096UL), ("mlock2", 0, 8192UL) })
        {
            var view = _run.One(name, occurrence);
            Assert.Equal(page, view.UInt64(1));
            Assert.Equal(length, view.UInt64(2));
        }
        Assert.Equal(1u, _run.One("mlock2").UInt32(3)); // MLOCK_ONFAULT
        Assert.Equal(0u, _run.One("mlock2", 1).UInt32(3)); // flag 8 has no name
        Assert.Equal(0x1u | 0x4, _run.One("mlockall").UInt32(1)); // MCL_CURRENT|MCL_ONFAULT
    }

    /// <summary>
    /// The batch crossed a datagram socketpair, so every tuple holds its two sockets (the
    /// pointers the socketpair event names): the peer first when sending, the receiver first
    /// when receiving. The second message carried an fd; its control data arrives whole.
    /// </summary>
    [KernelFact]
    public void Message_batches_must_give_one_event_per_message_with_its_length_data_tuple_and_control_data()
    {
        var pair = _run.One("socketpair");
        long sendFd = pair.Int64(1), receiveFd = pair.Int64(2);
        ulong first = pair.UInt64(3), second = pair.UInt64(4);
        var texts = new[] { "first", "second-msg" };

        var sent = _run.Inside(_run.Call("sendmmsg"));
        var received = _run.Inside(_run.Call("recvmmsg"));
        for (var i = 0; i < 2; i++)
        {
            var send = FrameReading.View(sent[i]);
            Assert.Equal(texts[i].Length, send.Int64(0));
            Assert.Equal(sendFd, send.Int64(1));
            Assert.Equal((uint)texts[i].Length, send.UInt32(2));
            Assert.Equal(texts[i], send.Text(3));
            Assert.Equal(UnixTuple(second, first), send.Param(4).ToArray());

            var receive = FrameReading.View(received[i]);
            Assert.Equal(texts[i].Length, receive.Int64(0));
            Assert.Equal(receiveFd, receive.Int64(1));
            Assert.Equal((uint)texts[i].Length, receive.UInt32(2));
            Assert.Equal(texts[i], receive.Text(3));
            Assert.Equal(UnixTuple(second, first), receive.Param(4).ToArray());
        }
        Assert.Equal(0, FrameReading.View(received[0]).Param(5).Length);
        Assert.Equal(Convert.FromHexString(_run.Line("control")[1]), FrameReading.View(received[1]).Param(5).ToArray());

        var failedSend = _run.One("sendmmsg", 1);
        Assert.Equal(-1, failedSend.Int64(1));
        var failedReceive = _run.One("recvmmsg", 1);
        Assert.Equal(receiveFd, failedReceive.Int64(1));
        Assert.Equal(0u, failedReceive.UInt32(2));
        for (var i = 3; i <= 5; i++) Assert.Equal(0, failedReceive.Param(i).Length);
    }

    static byte[] UnixTuple(ulong firstSocket, ulong secondSocket)
    {
        var tuple = new byte[1 + 8 + 8 + 1];
        tuple[0] = 1; // AF_UNIX
        BinaryPrimitives.WriteUInt64LittleEndian(tuple.AsSpan(1), firstSocket);
        BinaryPrimitives.WriteUInt64LittleEndian(tuple.AsSpan(9), secondSocket);
        return tuple; // unnamed: an empty name
    }

    [KernelFact]
    public void Id_calls_must_carry_the_ids_passed_and_the_ids_the_kernel_wrote_back()
    {
        Assert.Equal(1234u, _run.One("geteuid").UInt32(0));
        Assert.Equal(4321u, _run.One("getegid").UInt32(0));
        var resuid = _run.One("getresuid");
        Assert.Equal(_run.Line("resuid")[1..].Select(uint.Parse), UInt32s(resuid, 1, 3));
        var resgid = _run.One("getresgid");
        Assert.Equal(_run.Line("resgid")[1..].Select(uint.Parse), UInt32s(resgid, 1, 3));

        var setreuid = _run.One("setreuid");
        Assert.Equal(uint.MaxValue, setreuid.UInt32(1)); // -1: unchanged
        Assert.Equal(1234u, setreuid.UInt32(2));
        var refused = _run.One("setregid", 1);
        Assert.Equal(-1, refused.Int64(0)); // EPERM
        Assert.Equal(uint.MaxValue, refused.UInt32(1));
        Assert.Equal(5678u, refused.UInt32(2));
    }

    /// <summary>
    /// The thread table follows the effective ids through setreuid/setregid (a refused call
    /// changes nothing), names a pidfd /proc/PID as libsinsp does, and gives the fd that
    /// pidfd_getfd made the target's own entry.
    /// </summary>
    [KernelFact]
    public void The_thread_table_must_follow_setreuid_setregid_and_the_fds_of_pidfd_calls()
    {
        var table = new ThreadTable();
        var seen = new List<(string Call, uint Id)>();
        foreach (var frame in _run.Frames)
        {
            var view = FrameReading.View(frame);
            var thread = table.Observe(view);
            if (thread is null) continue;
            if (view.Info.Name == "setreuid") seen.Add(("setreuid", thread.Uid));
            if (view.Info.Name == "setregid") seen.Add(("setregid", thread.Gid));
        }
        Assert.Equal(new[] { ("setregid", 4321u), ("setreuid", 1234u), ("setregid", 4321u), ("setreuid", 0u), ("setregid", 0u) }, seen);

        var self = table.Find(_run.Pid)!;
        var pidfd = table.FindFd(self, _run.Call("pidfd_open").Result)!;
        Assert.Equal(FdKind.PidFd, pidfd.Kind);
        Assert.Equal($"/proc/{_run.Pid}", Encoding.UTF8.GetString(pidfd.Name));
        Assert.Equal((byte)'P', pidfd.Kind.TypeChar());
        var copied = table.FindFd(self, _run.Call("pidfd_getfd").Result)!;
        Assert.Same(table.FindFd(self, _run.Number("file-fd")), copied);
        Assert.Equal(_run.NotAModule, Encoding.UTF8.GetString(copied.Name));
    }
}
