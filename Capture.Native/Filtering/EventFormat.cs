using System.Text;
using Capture.Native.Events;
using Capture.Native.Formatting;
using Capture.Native.Processes;
using Capture.Native.Text;

namespace Capture.Native.Filtering;

/// <summary>
/// sysdig's <c>-p</c>: a line of text with <c>%field</c> in it, e.g.
/// <c>%evt.num %proc.name %fd.name</c>. The fields are the filter's, plus evt.time (time of
/// day, as the default line), evt.info and evt.args (the k=v text). An event with a field
/// that has no value is not printed, unless the format starts with <c>*</c>: then the field
/// prints <c>&lt;NA&gt;</c>. Parsed once; writing a line allocates nothing.
/// </summary>
public sealed class EventFormat
{
    static readonly byte[] NotAvailable = "<NA>"u8.ToArray();
    static readonly byte[] True = "true"u8.ToArray();
    static readonly byte[] False = "false"u8.ToArray();

    enum PartKind
    {
        Literal,
        Field,
        Time,
        OutputTime,
        Info,
    }

    /// <param name="Text">A literal's bytes, or a field's name (the JSON key).</param>
    readonly record struct Part(PartKind Kind, byte[] Text, FilterField? Field);

    readonly Part[] _parts;
    // For -j: the fields once each, by name, as sysdig orders the keys of its objects.
    readonly Part[] _jsonParts;
    readonly bool _printIncomplete;
    readonly FieldContext _context;
    readonly EventFormatter _formatter;

    EventFormat(Part[] parts, bool printIncomplete, FieldContext context, EventFormatter formatter)
    {
        _parts = parts;
        _jsonParts = [.. parts.Where(p => p.Kind != PartKind.Literal)
            .DistinctBy(p => Encoding.UTF8.GetString(p.Text)).OrderBy(p => Encoding.UTF8.GetString(p.Text), StringComparer.Ordinal)];
        _printIncomplete = printIncomplete;
        _context = context;
        _formatter = formatter;
    }

    /// <summary>
    /// Parses <paramref name="text"/>; throws <see cref="FilterException"/> naming an unknown
    /// field and its column. <paramref name="bufferLimit"/> cuts byte buffers in evt.info and
    /// evt.arg.* as the text line does (0 keeps them whole, sysdig's -v).
    /// </summary>
    public static EventFormat Parse(string text, ThreadTable? threads, EventFormatter formatter, int bufferLimit = EventFormatter.TextBufferLimit)
    {
        text = NamedFormats.Expand(text);
        var printIncomplete = text.StartsWith('*');
        var parts = new List<Part>();
        var literal = new StringBuilder();
        var i = printIncomplete ? 1 : 0;
        while (i < text.Length)
        {
            if (text[i] != '%' || i + 1 == text.Length || !IsNameChar(text[i + 1]))
            {
                literal.Append(text[i++]);
                continue;
            }
            var start = i++;
            while (i < text.Length && IsNameChar(text[i])) i++;
            // A name never ends in a dot: "%fd.name." is the field and a full stop.
            while (text[i - 1] == '.') i--;
            // An index belongs to the name: %proc.aname[2].
            var close = i < text.Length && text[i] == '[' ? text.IndexOf(']', i) : -1;
            if (close > i + 1 && !text.AsSpan(i + 1, close - i - 1).ContainsAnyExceptInRange('0', '9')) i = close + 1;
            var name = text[(start + 1)..i];
            if (literal.Length > 0)
            {
                parts.Add(new Part(PartKind.Literal, Encoding.UTF8.GetBytes(literal.ToString()), null));
                literal.Clear();
            }
            var key = Encoding.UTF8.GetBytes(name);
            parts.Add(name switch
            {
                "evt.time" => new Part(PartKind.Time, key, null),
                "evt.outputtime" => new Part(PartKind.OutputTime, key, null),
                "evt.info" or "evt.args" => new Part(PartKind.Info, key, null),
                _ => new Part(PartKind.Field, key, Printable(FilterField.Find(name)
                    ?? throw new FilterException($"unknown field '%{name}' in the output format (known: "
                        + string.Join(", ", EventFilter.FormatOnlyFields.Concat(EventFilter.Fields).Select(f => f.Name)) + ")", start + 1), start)),
            });
        }
        if (literal.Length > 0) parts.Add(new Part(PartKind.Literal, Encoding.UTF8.GetBytes(literal.ToString()), null));
        return new EventFormat([.. parts], printIncomplete, new FieldContext(threads, formatter.Parameters, bufferLimit), formatter);
    }

    /// <summary>fd.ip and its kind test both ends at once: they have no one value to print, and sysdig refuses them too.</summary>
    /// <remarks>evt.buffer prints as the text line shows the data parameter (a filter sees its raw bytes).</remarks>
    static FilterField Printable(FilterField field, int start) => field.FilterOnly
        ? throw new FilterException($"'%{field.Name}' can be used in filters only, not printed", start + 1)
        : field.Id == FieldId.EventBuffer ? field with { Id = FieldId.EventArgument, Argument = "data" }
        : field;

    static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_';

    /// <summary>Writes the line without its newline; false (and <paramref name="dst"/> left as it was) when the event is not to be printed.</summary>
    public bool TryWrite(Utf8Buffer dst, in EventView ev, ulong number, ushort cpu)
    {
        var start = dst.Length;
        var fields = new EventFields(ev, number, cpu, _context);
        foreach (var part in _parts)
        {
            switch (part.Kind)
            {
                case PartKind.Literal:
                    dst.Append(part.Text);
                    continue;
                case PartKind.Time:
                    _formatter.WriteTimeOfDay(dst, ev.Timestamp);
                    continue;
                case PartKind.OutputTime:
                    _formatter.WriteOutputTime(dst, ev);
                    continue;
                case PartKind.Info:
                    _formatter.WriteInfo(dst, ev, _context.BufferLimit);
                    continue;
            }
            if (TryWriteField(dst, ref fields, part.Field!)) continue;
            if (!_printIncomplete)
            {
                dst.Truncate(start);
                return false;
            }
            dst.Append(NotAvailable);
        }
        return true;
    }

    /// <summary>
    /// sysdig's <c>-j -p</c>: one JSON object, a key per field in name order, numbers and
    /// booleans as such, evt.time in nanoseconds; a missing field is null with <c>*</c>, else
    /// the event is not printed.
    /// </summary>
    public bool TryWriteJson(Utf8Buffer dst, in EventView ev, ulong number, ushort cpu)
    {
        var start = dst.Length;
        var fields = new EventFields(ev, number, cpu, _context);
        dst.Append((byte)'{');
        for (var i = 0; i < _jsonParts.Length; i++)
        {
            var part = _jsonParts[i];
            if (i > 0) dst.Append((byte)',');
            dst.Append((byte)'"');
            dst.Append(part.Text);
            dst.Append("\":"u8);
            switch (part.Kind)
            {
                case PartKind.Time or PartKind.OutputTime:
                    dst.AppendFormatted(ev.Timestamp);
                    continue;
                case PartKind.Info:
                    // The scratch is free here: no field value is being held.
                    _context.Scratch.Clear();
                    _formatter.WriteInfo(_context.Scratch, ev, _context.BufferLimit);
                    JsonText.WriteString(dst, _context.Scratch.Written);
                    continue;
            }
            if (TryWriteJsonField(dst, ref fields, part.Field!)) continue;
            if (!_printIncomplete)
            {
                dst.Truncate(start);
                return false;
            }
            dst.Append("null"u8);
        }
        dst.Append((byte)'}');
        return true;
    }

    static bool TryWriteJsonField(Utf8Buffer dst, ref EventFields fields, FilterField field)
    {
        // JSON numbers have no leading zeros: padded fields go out plain, as sysdig's -j writes them.
        if (field.Kind != FieldKind.Text) return TryWriteField(dst, ref fields, field, pad: false);
        if (!fields.TryText(field, out var text)) return false;
        JsonText.WriteString(dst, text);
        return true;
    }

    static bool TryWriteField(Utf8Buffer dst, ref EventFields fields, FilterField field, bool pad = true)
    {
        switch (field.Kind)
        {
            case FieldKind.Text:
                if (!fields.TryText(field, out var text)) return false;
                dst.Append(text);
                return true;
            case FieldKind.Boolean:
                if (!fields.TryNumber(field, out var flag)) return false;
                dst.Append(flag != 0 ? True : False);
                return true;
            default:
                if (!fields.TryNumber(field, out var number)) return false;
                dst.AppendFormatted(number, pad && field.Padded ? "D9" : default);
                return true;
        }
    }
}
