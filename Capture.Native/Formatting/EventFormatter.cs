using Capture.Native.Events;
using Capture.Native.Processes;
using Capture.Native.Schema;
using Capture.Native.Text;

namespace Capture.Native.Formatting;

/// <summary>
/// One event as a line of sysdig's default text output or of its JSON output (<c>-j</c>).
///
/// The caller owns the output buffer and reuses it; the formatter keeps two scratch
/// buffers of its own. Once they have grown to the longest event, formatting allocates
/// nothing. The thread table must already have observed the event (see
/// <see cref="ThreadTable.Observe"/>), as sysdig updates its state before printing. Lines are
/// written without the trailing newline. One formatter per thread.
/// </summary>
public sealed class EventFormatter
{
    /// <summary>sysdig's text output cuts byte buffers to 80 characters unless run with -v.</summary>
    public const int TextBufferLimit = 80;

    readonly ParamFormatter _params;
    readonly ThreadTable? _threads;
    readonly TimeSpan _utcOffset;
    readonly Utf8Buffer _info = new(512);
    readonly Utf8Buffer _value = new(256);

    /// <summary>The parameter renderer this formatter uses (its thread table, user names and time zone).</summary>
    public ParamFormatter Parameters => _params;

    /// <summary>How lines show time (sysdig's -t); the time of day unless set.</summary>
    public TimeStyle TimeStyle { get; init; }

    // For TimeStyle.SincePrevious: the time of the last line written.
    ulong _previousLine;

    /// <param name="utcOffset">The offset for times of day; by default the machine's, taken
    /// once as sysdig does.</param>
    public EventFormatter(ThreadTable? threads = null, AccountNames? accounts = null, TimeSpan? utcOffset = null,
        BufferStyle buffers = BufferStyle.Dots)
    {
        _threads = threads;
        _utcOffset = utcOffset ?? TimeZoneInfo.Local.GetUtcOffset(DateTime.UtcNow);
        _params = new ParamFormatter(threads, accounts, _utcOffset) { BufferStyle = buffers };
    }

    /// <summary>
    /// <c>NUM TIME CPU PROC (TID) DIR TYPE k=v k=v </c> — e.g.
    /// <c>212 17:35:48.514648551 0 curl (17497) &gt; brk addr=0 </c>. Each parameter is
    /// followed by a space, and so is the type when there are none.
    /// </summary>
    public void WriteText(Utf8Buffer dst, in EventView ev, ulong number, ushort cpu, int bufferLimit = TextBufferLimit)
    {
        var thread = _threads?.Find((long)ev.ThreadId);
        dst.AppendFormatted(number);
        dst.Append((byte)' ');
        WriteLineTime(dst, ev, thread);
        dst.Append((byte)' ');
        dst.AppendFormatted(cpu);
        dst.Append((byte)' ');
        dst.Append(thread?.Comm ?? ThreadInfo.UnknownComm);
        dst.Append(" ("u8);
        dst.AppendFormatted((long)ev.ThreadId);
        dst.Append(") "u8);
        dst.Append((byte)ev.Info.DirectionSymbol);
        dst.Append((byte)' ');
        WriteType(dst, ev);
        dst.Append((byte)' ');
        WriteInfo(dst, ev, thread, bufferLimit);
    }

    /// <summary>The <c>k=v k=v </c> part of the text line (sysdig's evt.info); nothing for a generic event.</summary>
    public void WriteInfo(Utf8Buffer dst, in EventView ev, int bufferLimit = TextBufferLimit) =>
        WriteInfo(dst, ev, _threads?.Find((long)ev.ThreadId), bufferLimit);

    void WriteLineTime(Utf8Buffer dst, in EventView ev, ThreadInfo? thread)
    {
        switch (TimeStyle)
        {
            case TimeStyle.Epoch:
                TimeText.WriteSeconds(dst, ev.Timestamp);
                break;
            case TimeStyle.SinceEnter:
                TimeText.WriteSeconds(dst, ThreadTable.LatencyOf(thread, ev));
                break;
            case TimeStyle.SincePrevious:
                TimeText.WriteSeconds(dst, _previousLine == 0 || ev.Timestamp < _previousLine ? 0 : ev.Timestamp - _previousLine);
                _previousLine = ev.Timestamp;
                break;
            default:
                TimeText.WriteTimeOfDay(dst, ev.Timestamp, _utcOffset);
                break;
        }
    }

    /// <summary>The event's time as the text line shows it under -t (sysdig's evt.outputtime).</summary>
    public void WriteOutputTime(Utf8Buffer dst, in EventView ev) => WriteLineTime(dst, ev, _threads?.Find((long)ev.ThreadId));

    /// <summary>The event's time of day as the text line shows it (sysdig's evt.time).</summary>
    public void WriteTimeOfDay(Utf8Buffer dst, ulong timestamp) => TimeText.WriteTimeOfDay(dst, timestamp, _utcOffset);

    void WriteInfo(Utf8Buffer dst, in EventView ev, ThreadInfo? thread, int bufferLimit)
    {
        if (IsGeneric(ev.Info)) return;
        var parameters = Sysdig029Params.Of(ev.Info);
        for (var i = 0; i < ShownParams(ev); i++)
        {
            dst.Append(parameters[i].Name);
            dst.Append((byte)'=');
            _params.Write(dst, ev, i, thread, bufferLimit);
            dst.Append((byte)' ');
        }
    }

    /// <summary>
    /// sysdig's <c>-j</c> keys with their meanings (<c>evt.outputtime</c> in nanoseconds,
    /// <c>evt.info</c> the untruncated k=v text, <c>proc.name</c> null for a thread the table
    /// has never seen), in sysdig's order, plus <c>evt.args</c>: each parameter's rendered
    /// value by name.
    /// </summary>
    public void WriteJson(Utf8Buffer dst, in EventView ev, ulong number, ushort cpu)
    {
        var thread = _threads?.Find((long)ev.ThreadId);
        var generic = IsGeneric(ev.Info);
        var parameters = Sysdig029Params.Of(ev.Info);
        _info.Clear();
        dst.Append("{\"evt.args\":{"u8);
        for (var i = 0; i < ShownParams(ev); i++)
        {
            _value.Clear();
            _params.Write(_value, ev, i, thread, bufferLimit: 0);
            if (i > 0) dst.Append((byte)',');
            // Parameter names are plain identifiers: nothing to escape.
            dst.Append((byte)'"');
            dst.Append(parameters[i].Name);
            dst.Append("\":"u8);
            JsonText.WriteString(dst, _value.Written);
            if (generic) continue;
            _info.Append(parameters[i].Name);
            _info.Append((byte)'=');
            _info.Append(_value.Written);
            _info.Append((byte)' ');
        }
        dst.Append("},\"evt.cpu\":"u8);
        dst.AppendFormatted(cpu);
        dst.Append(",\"evt.dir\":\""u8);
        dst.Append((byte)ev.Info.DirectionSymbol);
        dst.Append("\",\"evt.info\":"u8);
        JsonText.WriteString(dst, _info.Written);
        dst.Append(",\"evt.num\":"u8);
        dst.AppendFormatted(number);
        dst.Append(",\"evt.outputtime\":"u8);
        dst.AppendFormatted(ev.Timestamp);
        dst.Append(",\"evt.type\":\""u8);
        WriteType(dst, ev);
        dst.Append("\",\"proc.name\":"u8);
        if (thread is null) dst.Append("null"u8);
        else JsonText.WriteString(dst, thread.Comm);
        dst.Append(",\"thread.tid\":"u8);
        dst.AppendFormatted((long)ev.ThreadId);
        dst.Append((byte)'}');
    }

    /// <summary>The parameters present in both the event and the schema: old captures carry fewer.</summary>
    static int ShownParams(in EventView ev) => Math.Min(ev.ParamCount, ev.Info.Params.Length);

    // Generic events stand for calls without a filler of their own: sysdig names them after
    // the system call they carry and prints no arguments.
    static bool IsGeneric(EventInfo info) => info.Id is EventIds.PPME_GENERIC_E or EventIds.PPME_GENERIC_X;

    static void WriteType(Utf8Buffer dst, in EventView ev) => dst.Append(EventTypeNames.Of(ev));
}
