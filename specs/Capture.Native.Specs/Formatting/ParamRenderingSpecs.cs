using System.Text;
using Capture.Native.Formatting;
using Capture.Native.Processes;
using Capture.Native.Schema;
using Capture.Native.Text;

namespace Capture.Native.Specs.Formatting;

/// <summary>
/// Each parameter type rendered from a hand-built frame, against the text sysdig 0.29.3
/// prints for it (taken from `sysdig -r` on the fixtures where they have one).
/// </summary>
public sealed class ParamRenderingSpecs
{
    const long Curl = 17497;

    static string Render(byte[] frame, int index, ThreadTable? threads = null, int bufferLimit = 0, AccountNames? accounts = null)
    {
        var view = FrameBuilder.View(frame);
        var dst = new Utf8Buffer();
        new ParamFormatter(threads, accounts, TimeSpan.Zero).Write(dst, view, index, threads?.Find((long)view.ThreadId), bufferLimit);
        return dst.ToString();
    }

    static ThreadTable CurlThreads(string cwd = "/home/ubuntu")
    {
        var threads = new ThreadTable();
        threads.Add(new ThreadEntry(Curl, Curl, 3200, "curl", "curl", "/usr/bin/curl", [], cwd, 1000, 1000));
        threads.Add(new ThreadEntry(3200, 3200, 1, "bash", "-bash", "/bin/bash", [], "/home/ubuntu", 1000, 1000));
        return threads;
    }

    [Fact]
    public void Negative_results_print_their_errno_name()
    {
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_ACCESS_X).I64(-2).Str("/etc/ld.so.nohwcap").Build();
        Assert.Equal("-2(ENOENT)", Render(frame, 0));
        Assert.Equal("/etc/ld.so.nohwcap", Render(frame, 1));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(832, "832")]
    [InlineData(-115, "-115(EINPROGRESS)")]
    [InlineData(-512, "-512(ERESTARTSYS)")]
    [InlineData(-200, "-200")]
    public void Results_print_as_signed_numbers_with_known_errno_names(long result, string expected)
    {
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_CLOSE_X).I64(result).Build();
        Assert.Equal(expected, Render(frame, 0));
    }

    [Fact]
    public void Fds_print_the_kind_and_name_the_fd_table_knows()
    {
        var threads = CurlThreads();
        threads.AddFd(Curl, 3, new FdEntry(FdKind.File, 0, "/etc/ld.so.cache"u8.ToArray()));
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_CLOSE_E).I64(3).Build();
        Assert.Equal("3(<f>/etc/ld.so.cache)", Render(frame, 0, threads));
    }

    [Fact]
    public void Fds_print_bare_when_the_thread_or_the_fd_is_unknown()
    {
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_CLOSE_E).I64(3).Build();
        Assert.Equal("3", Render(frame, 0, threads: null));
        Assert.Equal("3", Render(frame, 0, CurlThreads()));
    }

    [Theory]
    [InlineData(-1, "-1(EPERM)")]
    [InlineData(-100, "-100(AT_FDCWD)")]
    public void Negative_fds_of_a_known_thread_resolve_as_sysdig_does(long fd, string expected)
    {
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_CLOSE_E).I64(fd).Build();
        Assert.Equal(expected, Render(frame, 0, CurlThreads()));
    }

    [Fact]
    public void Ip_socket_fds_carry_their_transport_letter()
    {
        var threads = CurlThreads();
        threads.AddFd(Curl, 4, new FdEntry(FdKind.Ipv6Socket, (byte)'t', "2001:db8::4:54405->2001:db8::3:1234"u8.ToArray()));
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_CLOSE_E).I64(4).Build();
        Assert.Equal("4(<6t>2001:db8::4:54405->2001:db8::3:1234)", Render(frame, 0, threads));
    }

    [Fact]
    public void Pids_print_the_name_of_a_known_thread()
    {
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_KILL_E).I64(3200).U8(9).Build();
        Assert.Equal("3200(bash)", Render(frame, 0, CurlThreads()));
        Assert.Equal("3200", Render(frame, 0, new ThreadTable()));
        Assert.Equal("9(SIGKILL)", Render(frame, 1));
    }

    [Theory]
    [InlineData(4097u, "4097(O_RDONLY|O_CLOEXEC)")]
    [InlineData(6u, "6(O_CREAT|O_WRONLY)")]
    [InlineData(1u, "1(O_RDONLY)")]
    [InlineData(3u, "3(O_RDWR)")]
    [InlineData(0u, "0(O_NONE)")]
    [InlineData(65u, "65(O_NONBLOCK|O_RDONLY)")]
    public void Bit_flags_are_named_in_table_order_clearing_matched_bits(uint flags, string expected)
    {
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_OPEN_E).Str("/tmp/x").U32(flags).U32(0).Build();
        Assert.Equal(expected, Render(frame, 1));
    }

    [Fact]
    public void Flags_the_table_has_no_name_for_print_only_the_number()
    {
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_OPEN_E).Str("/tmp/x").U32(0x80000000).U32(0).Build();
        Assert.Equal("2147483648", Render(frame, 1));
    }

    [Fact]
    public void Enums_print_every_equal_name_by_the_current_libs_rule()
    {
        // socket's exit gained the domain in current libs; sysdig 0.29.3 never saw it typed as a flag walk.
        var frame = new FrameBuilder(EventIds.PPME_SOCKET_SOCKET_X).I64(3).U32(1).U32(1).U32(0).Build();
        Assert.Equal("1(AF_LOCAL|AF_UNIX)", Render(frame, 1));
    }

    [Fact]
    public void Params_sysdig_029_typed_as_flags_print_as_it_printed_them()
    {
        // From libs-single_ipv6_conn.scap: "> socket domain=1(AF_LOCAL) type=526337 proto=0".
        var frame = new FrameBuilder(EventIds.PPME_SOCKET_SOCKET_E).U32(1).U32(526337).U32(0).Build();
        Assert.Equal("1(AF_LOCAL)", Render(frame, 0));
        Assert.Equal("526337", Render(frame, 1));
    }

    [Fact]
    public void Enums_with_no_equal_entry_print_only_the_number()
    {
        var frame = new FrameBuilder(EventIds.PPME_SOCKET_SOCKET_X).I64(3).U32(77).U32(1).U32(0).Build();
        Assert.Equal("77", Render(frame, 1));
    }

    [Theory]
    [InlineData(0u, "0(F_OK)")]
    [InlineData(4u, "4(R_OK)")]
    [InlineData(6u, "6(R_OK|W_OK)")]
    public void Access_modes_print_as_sysdig_prints_them(uint mode, string expected)
    {
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_ACCESS_E).U32(mode).Build();
        Assert.Equal(expected, Render(frame, 0));
    }

    [Theory]
    [InlineData(0x1a4u, "0644(S_IROTH|S_IRGRP|S_IWUSR|S_IRUSR)")]
    [InlineData(0u, "0")]
    public void Modes_print_in_octal_then_their_names(uint mode, string expected)
    {
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_FCHMODAT_X).I64(0).I64(-100).Str("f").U32(mode).Build();
        Assert.Equal(expected, Render(frame, 3));
    }

    [Fact]
    public void Numeric_formats_follow_the_schema()
    {
        var brk = new FrameBuilder(EventIds.PPME_SYSCALL_BRK_4_X).U64(0x55DB0DE73000).U32(508).U32(4).U32(0).Build();
        Assert.Equal("55DB0DE73000", Render(brk, 0));
        var open = new FrameBuilder(EventIds.PPME_SYSCALL_OPEN_E).Str("/tmp/x").U32(6).U32(0x1a4).Build();
        Assert.Equal("0644", Render(open, 2));
    }

    [Fact]
    public void Mmap_results_print_in_hex_as_sysdig_029_typed_them()
    {
        // libs-curl_google.scap: "< mmap res=7FA69774E000 vm_size=536 vm_rss=4 vm_swap=0".
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_MMAP_X).I64(0x7FA69774E000).U32(536).U32(4).U32(0).Build();
        Assert.Equal("7FA69774E000", Render(frame, 0));
    }

    [Fact]
    public void Unsigned_64_bit_values_print_signed_as_sysdig_does()
    {
        // falco-run_as_user_0_container.scap: "< getrlimit res=0 cur=8388608 max=-1".
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_OPEN_X).I64(3).Str("/x").U32(1).U32(0).U32(0).U64(ulong.MaxValue).Build();
        Assert.Equal("-1", Render(frame, 5));
    }

    [Theory]
    [InlineData(-1L, 0xFFFFFFFFUL, PrintFormat.HEX, "FFFFFFFF")]
    [InlineData(42L, 42UL, PrintFormat._10_PADDED_DEC, "000000042")]
    [InlineData(-42L, 0xFFFFFFD6UL, PrintFormat._10_PADDED_DEC, "-00000042")]
    [InlineData(8L, 8UL, PrintFormat.OCT, "010")]
    [InlineData(0L, 0UL, PrintFormat.OCT, "0")]
    [InlineData(-5L, 0xFFFFFFFBUL, PrintFormat.DEC, "-5")]
    public void Integer_formats_match_printf(long signed, ulong bits, PrintFormat format, string expected)
    {
        var dst = new Utf8Buffer();
        NumberText.WriteInteger(dst, signed, bits, format);
        Assert.Equal(expected, dst.ToString());
    }

    [Theory]
    [InlineData("2f6574632f7061737377640000", "/etc/passwd")]
    public void Strings_stop_at_their_nul(string hex, string expected)
    {
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_EXECVE_8_X).I64(0).Add(Convert.FromHexString(hex)).Build();
        Assert.Equal(expected, Render(frame, 1));
    }

    [Fact]
    public void Byte_buffers_print_non_printable_bytes_as_dots()
    {
        var data = Encoding.ASCII.GetBytes("\u007fELF\u0002\u0001\u0001\0\0hello\n");
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_READ_X).I64(data.Length).Add(data).Build();
        Assert.Equal(".ELF.....hello.", Render(frame, 1));
    }

    [Fact]
    public void Byte_buffers_longer_than_the_limit_end_in_three_dots()
    {
        var data = Enumerable.Range(0, 100).Select(i => (byte)('a' + i % 26)).ToArray();
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_READ_X).I64(100).Add(data).Build();
        var text = Render(frame, 1, bufferLimit: 80);
        Assert.Equal(80, text.Length);
        Assert.EndsWith("...", text);
        Assert.StartsWith("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvw", text);
        Assert.Equal(100, Render(frame, 1, bufferLimit: 0).Length);
        Assert.Equal("ab", Render(frame, 1, bufferLimit: 2));
        var exactly80 = new FrameBuilder(EventIds.PPME_SYSCALL_READ_X).I64(80).Add(data[..80]).Build();
        Assert.DoesNotContain("...", Render(exactly80, 1, bufferLimit: 80));
    }

    [Fact]
    public void Argument_lists_print_joined_with_dots()
    {
        // libs-curl_google.scap: "args=-6.http://www.google.com." (a byte buffer with a trailing NUL).
        var args = Encoding.ASCII.GetBytes("-6\0http://www.google.com\0");
        var execve = new FrameBuilder(EventIds.PPME_SYSCALL_EXECVE_8_X).I64(0).Str("curl").Add(args).Build();
        Assert.Equal("-6.http://www.google.com.", Render(execve, 2));
        var tracer = new FrameBuilder(EventIds.PPME_TRACER_E).Str("1").Add(Encoding.ASCII.GetBytes("a\0b\0c\0")).Add(Encoding.ASCII.GetBytes("k\0v\0x\0y\0")).Build();
        Assert.Equal("a.b.c", Render(tracer, 1));
        Assert.Equal("k:v,x:y", Render(tracer, 2));
    }

    [Fact]
    public void Ipv4_addresses_and_tuples_print_with_ports()
    {
        var addr = new byte[] { 2, 127, 0, 0, 1, 0x90, 0x1f };
        var bind = new FrameBuilder(EventIds.PPME_SOCKET_BIND_X).I64(0).Add(addr).Build();
        Assert.Equal("127.0.0.1:8080", Render(bind, 1));
        byte[] tuple = [2, 127, 0, 0, 1, 0x90, 0x1f, 127, 0, 0, 1, 0x42, 0xa3];
        var connect = new FrameBuilder(EventIds.PPME_SOCKET_CONNECT_X).I64(0).Add(tuple).Build();
        Assert.Equal("127.0.0.1:8080->127.0.0.1:41794", Render(connect, 1));
    }

    [Fact]
    public void Ipv6_addresses_print_as_inet_ntop_writes_them()
    {
        // libs-single_ipv6_conn.scap: "< bind res=0 addr=2001:db8::3:1234".
        byte[] addr = [10, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0xd2, 0x04];
        var bind = new FrameBuilder(EventIds.PPME_SOCKET_BIND_X).I64(0).Add(addr).Build();
        Assert.Equal("2001:db8::3:1234", Render(bind, 1));
    }

    [Theory]
    [InlineData("00000000000000000000000000000001", "::1")]
    [InlineData("00000000000000000000000000000000", "::")]
    [InlineData("00000000000000000000ffff7f000001", "::ffff:127.0.0.1")]
    [InlineData("20010db8000000010000000000000001", "2001:db8:0:1::1")]
    [InlineData("20010db8000000000001000000000001", "2001:db8::1:0:0:1")]
    [InlineData("fe800000000000000000000000000000", "fe80::")]
    [InlineData("26001f18262c65429aa6df7a9a47d29e", "2600:1f18:262c:6542:9aa6:df7a:9a47:d29e")]
    public void Ipv6_text_compresses_the_longest_zero_run(string hex, string expected)
    {
        var dst = new Utf8Buffer();
        IpText.WriteIpv6(dst, Convert.FromHexString(hex));
        Assert.Equal(expected, dst.ToString());
    }

    [Fact]
    public void Ipv4_mapped_ipv6_tuples_print_as_ipv4()
    {
        byte[] mapped1 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1];
        byte[] mapped2 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 2];
        byte[] tuple = [10, .. mapped1, 0x50, 0x00, .. mapped2, 0x51, 0x00];
        var connect = new FrameBuilder(EventIds.PPME_SOCKET_CONNECT_X).I64(0).Add(tuple).Build();
        Assert.Equal("10.0.0.1:80->10.0.0.2:81", Render(connect, 1));
    }

    [Fact]
    public void Unix_tuples_print_both_socket_pointers_and_the_path()
    {
        // libs-single_ipv6_conn.scap: "tuple=0->ffff94dc817b9400 /var/run/nscd/socket".
        byte[] tuple = [1, .. BitConverter.GetBytes(0UL), .. BitConverter.GetBytes(0xffff94dc817b9400UL), .. "/var/run/nscd/socket\0"u8];
        var connect = new FrameBuilder(EventIds.PPME_SOCKET_CONNECT_X).I64(-2).Add(tuple).Build();
        Assert.Equal("0->ffff94dc817b9400 /var/run/nscd/socket", Render(connect, 1));
        byte[] addr = [1, .. "/run/x.sock\0"u8];
        Assert.Equal("/run/x.sock", Render(new FrameBuilder(EventIds.PPME_SOCKET_BIND_X).I64(0).Add(addr).Build(), 1));
    }

    [Fact]
    public void Addresses_of_wrong_length_or_unknown_family_say_so()
    {
        Assert.Equal("INVALID IPv4", Render(new FrameBuilder(EventIds.PPME_SOCKET_BIND_X).I64(0).Add(2, 1, 2).Build(), 1));
        Assert.Equal("INVALID IPv6", Render(new FrameBuilder(EventIds.PPME_SOCKET_CONNECT_X).I64(0).Add(10, 1, 2).Build(), 1));
        Assert.Equal("<invalid>", Render(new FrameBuilder(EventIds.PPME_SOCKET_CONNECT_X).I64(0).Add(1, 1, 2).Build(), 1));
        Assert.Equal("family 17", Render(new FrameBuilder(EventIds.PPME_SOCKET_BIND_X).I64(0).Add(17, 1, 2).Build(), 1));
    }

    [Fact]
    public void Empty_params_print_as_sysdig_prints_missing_ones()
    {
        var connect = new FrameBuilder(EventIds.PPME_SOCKET_CONNECT_X).I64(0).Empty().Build();
        Assert.Equal("NULL", Render(connect, 1));
        var read = new FrameBuilder(EventIds.PPME_SYSCALL_READ_X).I64(0).Empty().Build();
        Assert.Equal("", Render(read, 1));
        var close = new FrameBuilder(EventIds.PPME_SYSCALL_CLOSE_X).Empty().Build();
        Assert.Equal("<NA>", Render(close, 0));
        var access = new FrameBuilder(EventIds.PPME_SYSCALL_ACCESS_X).I64(0).Empty().Build();
        Assert.Equal("", Render(access, 1, CurlThreads()));
    }

    [Theory]
    [InlineData(new byte[] { 1 })]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 })]
    public void Fixed_size_params_of_the_wrong_length_print_invalid(byte[] value)
    {
        var close = new FrameBuilder(EventIds.PPME_SYSCALL_CLOSE_X).Add(value).Build();
        Assert.Equal("<invalid>", Render(close, 0));
        var kill = new FrameBuilder(EventIds.PPME_SYSCALL_KILL_E).Add(value).Add(value).Build();
        Assert.Equal("<invalid>", Render(kill, 0, CurlThreads()));
    }

    [Fact]
    public void Relative_paths_resolve_against_the_working_directory()
    {
        // falco-run_as_user_0_container.scap: "< stat res=0 path=.(/)" for a shell in /.
        var access = new FrameBuilder(EventIds.PPME_SYSCALL_ACCESS_X).I64(0).Str(".").Build();
        Assert.Equal(".(/)", Render(access, 1, CurlThreads(cwd: "/")));
        var relative = new FrameBuilder(EventIds.PPME_SYSCALL_ACCESS_X).I64(0).Str("../x/./y//z").Build();
        Assert.Equal("../x/./y//z(/home/x/y/z)", Render(relative, 1, CurlThreads()));
        var absolute = new FrameBuilder(EventIds.PPME_SYSCALL_ACCESS_X).I64(0).Str("/etc/passwd").Build();
        Assert.Equal("/etc/passwd", Render(absolute, 1, CurlThreads()));
        Assert.Equal("../x/./y//z", Render(relative, 1, threads: null));
    }

    [Fact]
    public void Relative_paths_of_at_calls_resolve_against_their_directory_fd()
    {
        var threads = CurlThreads();
        threads.AddFd(Curl, 7, new FdEntry(FdKind.Directory, 0, "/var/log"u8.ToArray()));
        var inDir = new FrameBuilder(EventIds.PPME_SYSCALL_FCHMODAT_X).I64(0).I64(7).Str("syslog").U32(0x1a4).Build();
        Assert.Equal("syslog(/var/log/syslog)", Render(inDir, 2, threads));
        var inCwd = new FrameBuilder(EventIds.PPME_SYSCALL_FCHMODAT_X).I64(0).I64(-100).Str("a").U32(0x1a4).Build();
        Assert.Equal("a(/home/ubuntu/a)", Render(inCwd, 2, threads));
    }

    [Fact]
    public void Syscall_ids_print_their_name()
    {
        var generic = new FrameBuilder(EventIds.PPME_GENERIC_E).U16(176).U16(228).Build();
        Assert.Equal("176(clock_gettime)", Render(generic, 0));
        var sigreturn = new FrameBuilder(EventIds.PPME_GENERIC_E).U16(298).U16(15).Build();
        Assert.Equal("298(sigreturn)", Render(sigreturn, 0));
        var unknown = new FrameBuilder(EventIds.PPME_GENERIC_E).U16(9999).U16(0).Build();
        Assert.Equal("<unknown syscall>", Render(unknown, 0));
    }

    [Theory]
    [InlineData(1_000_000_000UL, "1000000000(1s)")]
    [InlineData(500_000UL, "500000(0.0005s)")]
    [InlineData(1_000UL, "1000(1e-06s)")]
    [InlineData(1_234_567_890_123UL, "1234567890123(1234.57s)")]
    [InlineData(ulong.MaxValue, "none")]
    public void Relative_times_print_nanoseconds_and_seconds(ulong nanoseconds, string expected)
    {
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_NANOSLEEP_E).U64(nanoseconds).Build();
        Assert.Equal(expected, Render(frame, 0));
    }

    [Fact]
    public void Absolute_times_print_as_a_date_with_nanoseconds()
    {
        var values = new FrameBuilder(EventIds.PPME_SYSCALL_EXECVE_19_X).I64(0);
        var parameters = EventTable.Find(EventIds.PPME_SYSCALL_EXECVE_19_X)!.Params;
        for (var i = 1; i < 24; i++) values.Add(new byte[ParamSizes.Fixed(parameters[i].Type)]);
        var frame = values.U64(1_534_527_348_514_648_551).Build();
        Assert.Equal("2018-08-17 17:35:48.514648551 +0000", Render(frame, 24));
    }

    [Fact]
    public void Uids_and_gids_print_their_names_when_known()
    {
        // falco-run_as_user_0_container.scap: "< getuid uid=0(root)".
        var accounts = new AccountNames();
        accounts.AddUser(0, "root");
        accounts.AddGroup(4, "adm");
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_SETRESUID_E).U32(0).U32(1000).U32(uint.MaxValue).Build();
        Assert.Equal("0(root)", Render(frame, 0, accounts: accounts));
        Assert.Equal("1000(<NA>)", Render(frame, 1, accounts: accounts));
        Assert.Equal("-1(<NONE>)", Render(frame, 2, accounts: accounts));
        var gid = new FrameBuilder(EventIds.PPME_SYSCALL_SETRESGID_E).U32(4).U32(4).U32(4).Build();
        Assert.Equal("4(adm)", Render(gid, 0, accounts: accounts));
    }

    [Fact]
    public void Signals_print_their_names()
    {
        // falco-run_as_user_0_container.scap: "> signaldeliver spid=0 dpid=13794(emacs) sig=29(SIGIO)".
        var frame = new FrameBuilder(EventIds.PPME_SIGNALDELIVER_E).I64(0).I64(13794).U8(29).Build();
        Assert.Equal("29(SIGIO)", Render(frame, 2));
        var realtime = new FrameBuilder(EventIds.PPME_SIGNALDELIVER_E).I64(0).I64(13794).U8(40).Build();
        Assert.Equal("40", Render(realtime, 2));
    }

    [Fact]
    public void Signal_sets_print_the_names_of_the_signals_in_them()
    {
        var set = (1u << 1) | (1u << 8) | (1u << 16);
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_PPOLL_E).Add(0, 0).U64(0).U32(set).Build();
        Assert.Equal("SIGINT SIGKILL SIGCHLD", Render(frame, 2));
    }

    [Fact]
    public void Fd_lists_print_each_fd_with_its_kind_and_poll_flags()
    {
        // falco-run_as_user_0_container.scap: "> poll fds=4:e1 7:i0 timeout=100".
        var threads = CurlThreads();
        threads.AddFd(Curl, 4, new FdEntry(FdKind.Event, 0, []));
        threads.AddFd(Curl, 7, new FdEntry(FdKind.Inotify, 0, []));
        byte[] fds = [2, 0, .. BitConverter.GetBytes(4L), 1, 0, .. BitConverter.GetBytes(7L), 0, 0];
        var frame = new FrameBuilder(EventIds.PPME_SYSCALL_POLL_E).Add(fds).I64(100).Build();
        Assert.Equal("4:e1 7:i0", Render(frame, 0, threads));
        byte[] unknown = [1, 0, .. BitConverter.GetBytes(9L), 0x19, 0];
        Assert.Equal("9:?19", Render(new FrameBuilder(EventIds.PPME_SYSCALL_POLL_E).Add(unknown).I64(0).Build(), 0, threads));
        Assert.Equal("<invalid>", Render(new FrameBuilder(EventIds.PPME_SYSCALL_POLL_E).Add(3, 0, 1).I64(0).Build(), 0, threads));
    }

    [Fact]
    public void Dynamic_params_render_as_the_type_their_index_selects()
    {
        // setsockopt val: index 2 is a u32, index 1 an errno; ptrace addr: index 0 a hex u64.
        var u32 = new FrameBuilder(EventIds.PPME_SOCKET_SETSOCKOPT_X).I64(0).I64(3).U8(1).U8(2).Add([2, .. BitConverter.GetBytes(1u)]).U32(4).Build();
        Assert.Equal("1", Render(u32, 4));
        var errno = new FrameBuilder(EventIds.PPME_SOCKET_SETSOCKOPT_X).I64(0).I64(3).U8(1).U8(2).Add([1, .. BitConverter.GetBytes(-13L)]).U32(8).Build();
        Assert.Equal("-13(EACCES)", Render(errno, 4));
        var hex = new FrameBuilder(EventIds.PPME_SYSCALL_PTRACE_X).I64(0).Add([0, .. BitConverter.GetBytes(0x7ffdUL)]).Add([1, 9]).Build();
        Assert.Equal("7FFD", Render(hex, 1));
        Assert.Equal("9(SIGKILL)", Render(hex, 2));
        var badIndex = new FrameBuilder(EventIds.PPME_SYSCALL_PTRACE_X).I64(0).Add(7, 1).Add([]).Build();
        Assert.Equal("INVALID DYNAMIC PARAMETER", Render(badIndex, 1));
        Assert.Equal("NULL", Render(badIndex, 2));
    }
}
