using System.Text;
using System.Text.Json;
using Capture.Native.Formatting;
using Capture.Native.Processes;
using Capture.Native.Schema;
using Capture.Native.Text;

namespace Capture.Native.Specs.Formatting;

public sealed class EventFormatterSpecs
{
    const ulong Ts = 1_534_527_348_514_648_551;

    static string Text(byte[] frame, ThreadTable? threads = null, ulong number = 212, ushort cpu = 0, TimeSpan? offset = null)
    {
        var view = FrameBuilder.View(frame);
        var dst = new Utf8Buffer();
        new EventFormatter(threads, null, offset ?? TimeSpan.Zero).WriteText(dst, view, number, cpu);
        return dst.ToString();
    }

    static string Json(byte[] frame, ThreadTable? threads = null)
    {
        var view = FrameBuilder.View(frame);
        var dst = new Utf8Buffer();
        new EventFormatter(threads, null, TimeSpan.Zero).WriteJson(dst, view, 212, 0);
        return dst.ToString();
    }

    static ThreadTable Curl()
    {
        var threads = new ThreadTable();
        threads.Add(new ThreadEntry(17497, 17497, 3200, "curl", "curl", "", [], "/", 0, 0));
        return threads;
    }

    [Fact]
    public void Text_lines_have_sysdigs_default_shape()
    {
        // libs-curl_google.scap: "212 17:35:48.514648551 0 curl (17497) > brk addr=0 ".
        var brk = new FrameBuilder(EventIds.PPME_SYSCALL_BRK_4_E, Ts, 17497).U64(0).Build();
        Assert.Equal("212 17:35:48.514648551 0 curl (17497) > brk addr=0 ", Text(brk, Curl()));
    }

    [Fact]
    public void Threads_the_table_does_not_know_print_as_NA()
    {
        var brk = new FrameBuilder(EventIds.PPME_SYSCALL_BRK_4_E, Ts, 99).U64(0).Build();
        Assert.Equal("7 17:35:48.514648551 3 <NA> (99) > brk addr=0 ", Text(brk, Curl(), number: 7, cpu: 3));
        Assert.Equal("7 17:35:48.514648551 3 <NA> (99) > brk addr=0 ", Text(brk, threads: null, number: 7, cpu: 3));
    }

    [Fact]
    public void Events_without_parameters_end_with_the_space_after_their_type()
    {
        var open = new FrameBuilder(EventIds.PPME_SYSCALL_OPEN_E, Ts, 17497).Build();
        Assert.Equal("218 17:35:48.514648551 0 curl (17497) > open ", Text(open, Curl(), number: 218));
    }

    [Fact]
    public void Times_of_day_are_local_to_the_given_offset_and_wrap_at_midnight()
    {
        var brk = new FrameBuilder(EventIds.PPME_SYSCALL_BRK_4_E, Ts, 17497).U64(0).Build();
        Assert.StartsWith("212 19:35:48.514648551 ", Text(brk, Curl(), offset: TimeSpan.FromHours(2)));
        Assert.StartsWith("212 11:35:48.514648551 ", Text(brk, Curl(), offset: TimeSpan.FromHours(-6)));
        var late = new FrameBuilder(EventIds.PPME_SYSCALL_BRK_4_E, 86_399_000_000_001, 17497).U64(0).Build();
        Assert.StartsWith("212 00:59:59.000000001 ", Text(late, Curl(), offset: TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Generic_events_are_named_after_their_system_call_and_print_no_arguments()
    {
        // falco-run_as_user_0_container.scap: "172 ... systemd-journal (454) > clock_gettime ".
        var generic = new FrameBuilder(EventIds.PPME_GENERIC_E, Ts, 17497).U16(176).U16(228).Build();
        Assert.Equal("212 17:35:48.514648551 0 curl (17497) > clock_gettime ", Text(generic, Curl()));
        using var json = JsonDocument.Parse(Json(generic, Curl()));
        Assert.Equal("clock_gettime", json.RootElement.GetProperty("evt.type").GetString());
        Assert.Equal("", json.RootElement.GetProperty("evt.info").GetString());
        Assert.Equal("176(clock_gettime)", json.RootElement.GetProperty("evt.args").GetProperty("ID").GetString());
    }

    [Fact]
    public void A_generic_event_of_the_unknown_syscall_code_is_named_as_sysdig_names_it()
    {
        // What --sysdig-2022 files carry for calls newer than the 2022 table; sysdig 0.29.3 prints "<unknown>".
        var generic = new FrameBuilder(EventIds.PPME_GENERIC_E, Ts, 17497).U16(0).U16(334).Build();
        Assert.Equal("212 17:35:48.514648551 0 curl (17497) > <unknown> ", Text(generic, Curl()));
    }

    [Fact]
    public void Json_lines_hold_sysdigs_keys_in_sysdigs_order_plus_the_arguments()
    {
        var brk = new FrameBuilder(EventIds.PPME_SYSCALL_BRK_4_E, Ts, 17497).U64(0).Build();
        Assert.Equal(
            """{"evt.args":{"addr":"0"},"evt.cpu":0,"evt.dir":">","evt.info":"addr=0 ","evt.num":212,"evt.outputtime":1534527348514648551,"evt.type":"brk","proc.name":"curl","thread.tid":17497}""",
            Json(brk, Curl()));
    }

    [Fact]
    public void Json_proc_name_is_null_for_a_thread_never_seen()
    {
        var brk = new FrameBuilder(EventIds.PPME_SYSCALL_BRK_4_E, Ts, 0).U64(0).Build();
        using var json = JsonDocument.Parse(Json(brk, new ThreadTable()));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("proc.name").ValueKind);
    }

    [Fact]
    public void Json_stays_valid_for_any_bytes_a_program_passes()
    {
        var nasty = new byte[] { (byte)'a', (byte)'"', (byte)'\\', (byte)'\n', 0x01, 0x7f, 0xff, 0xc3, 0xa9, 0xe2, 0x82, (byte)'z', 0 };
        var execve = new FrameBuilder(EventIds.PPME_SYSCALL_EXECVE_8_X, Ts, 17497).I64(0).Add(nasty).Add(nasty).Build();
        var text = Json(execve, Curl());
        using var json = JsonDocument.Parse(text);
        Assert.Equal("a\"\\\n\u0001\u007f\ufffdé\ufffdz", json.RootElement.GetProperty("evt.args").GetProperty("exe").GetString());
        Assert.Equal("a\"\\........z.", json.RootElement.GetProperty("evt.args").GetProperty("args").GetString());
    }

    [Fact]
    public void Json_escaping_keeps_every_valid_utf8_character()
    {
        var dst = new Utf8Buffer();
        JsonText.WriteString(dst, Encoding.UTF8.GetBytes("héllo\t✓ 😀 \"q\""));
        Assert.Equal("\"héllo\\t✓ 😀 \\\"q\\\"\"", dst.ToString());
    }

    [Fact]
    public void Events_with_more_parameters_than_the_schema_print_only_the_known_ones()
    {
        var brk = new FrameBuilder(EventIds.PPME_SYSCALL_BRK_4_E, Ts, 17497).U64(0).U64(5).Build();
        Assert.Equal("212 17:35:48.514648551 0 curl (17497) > brk addr=0 ", Text(brk, Curl()));
    }

    [Fact]
    public void Unfinished_or_cut_parameters_never_throw()
    {
        var cut = new FrameBuilder(EventIds.PPME_SYSCALL_OPEN_X, Ts, 17497).Add(1, 2, 3).Add(0x2f, 0x78).Add(1).Build();
        Assert.Equal("212 17:35:48.514648551 0 curl (17497) < open fd=<invalid> name=/x flags=<invalid> ", Text(cut, Curl()));
        using var json = JsonDocument.Parse(Json(cut, Curl()));
        Assert.Equal("<invalid>", json.RootElement.GetProperty("evt.args").GetProperty("fd").GetString());
    }
}
