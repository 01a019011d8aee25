using Capture.Native.Events;
using Capture.Native.Formatting;
using Capture.Native.Processes;
using Capture.Native.Schema;
using Capture.Native.Text;

namespace Capture.Native.Filtering;

/// <summary>
/// evt.arg.NAME as sysdig gives it: the parameter rendered as in the text line, and where the
/// line adds what the value resolves to in parentheses (<c>3(&lt;f&gt;/etc/passwd)</c>,
/// <c>-2(ENOENT)</c>, <c>4097(O_RDONLY|O_CLOEXEC)</c>), only that resolved part.
/// </summary>
static class ArgumentText
{
    /// <summary>Renders into the context's scratch buffer; false when the event has no such parameter.</summary>
    public static bool TryWrite(FieldContext context, in EventView ev, ThreadInfo? thread, string name)
    {
        var parameters = Sysdig029Params.Of(ev.Info);
        var count = Math.Min(ev.ParamCount, ev.Info.Params.Length);
        for (var i = 0; i < count; i++)
            if (parameters[i].Name == name) return TryWriteAt(context, ev, thread, i);
        return false;
    }

    /// <summary>The parameter at <paramref name="index"/> (evt.arg[N]); false past the event's last one.</summary>
    public static bool TryWriteAt(FieldContext context, in EventView ev, ThreadInfo? thread, int index)
    {
        if (index < 0 || index >= Math.Min(ev.ParamCount, ev.Info.Params.Length)) return false;
        var scratch = context.Scratch;
        scratch.Clear();
        context.Parameters.Write(scratch, ev, index, thread, bufferLimit: context.BufferLimit);
        if (Sysdig029Params.Of(ev.Info)[index].Type is ParamType.FSPATH or ParamType.FSRELPATH) KeepResolvedPath(scratch, EventParams.UpToNul(ev.Param(index)).Length);
        else KeepResolved(scratch);
        return true;
    }

    /// <summary>A relative path prints as "PATH(RESOLVED)": the resolved one is kept (a path may hold parentheses of its own).</summary>
    static void KeepResolvedPath(Utf8Buffer text, int pathLength)
    {
        var written = text.Written;
        if (written.Length > pathLength + 2 && written[pathLength] == (byte)'(' && written[^1] == (byte)')')
            text.Keep(pathLength + 1, written.Length - pathLength - 2);
    }

    /// <summary>"VALUE(RESOLVED)" with a numeric VALUE becomes "RESOLVED".</summary>
    static void KeepResolved(Utf8Buffer text)
    {
        var written = text.Written;
        if (written.Length < 3 || written[^1] != (byte)')') return;
        var open = written.IndexOf((byte)'(');
        if (open <= 0 || !IsNumber(written[..open])) return;
        text.Keep(open + 1, written.Length - open - 2);
    }

    static bool IsNumber(ReadOnlySpan<byte> value)
    {
        if (value[0] == (byte)'-') value = value[1..];
        if (value.IsEmpty) return false;
        foreach (var b in value)
            if (!char.IsAsciiHexDigit((char)b)) return false;
        return true;
    }
}
