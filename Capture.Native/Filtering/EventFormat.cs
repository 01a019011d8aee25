using System.Text;
using Capture.Native.Events;
using Capture.Native.Formatting;
using Capture.Native.Processes;

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
        Info,
    }

    readonly record struct Part(PartKind Kind, byte[] Literal, FilterField? Field);

    readonly Part[] _parts;
    readonly bool _printIncomplete;
    readonly FieldContext _context;
    readonly EventFormatter _formatter;

    EventFormat(Part[] parts, bool printIncomplete, FieldContext context, EventFormatter formatter)
    {
        _parts = parts;
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
            var name = text[(start + 1)..i];
            if (literal.Length > 0)
            {
                parts.Add(new Part(PartKind.Literal, Encoding.UTF8.GetBytes(literal.ToString()), null));
                literal.Clear();
            }
            parts.Add(name switch
            {
                "evt.time" => new Part(PartKind.Time, [], null),
                "evt.info" or "evt.args" => new Part(PartKind.Info, [], null),
                _ => new Part(PartKind.Field, [], FilterField.Find(name)
                    ?? throw new FilterException($"unknown field '%{name}' in the output format (known: evt.time, evt.info, evt.args, "
                        + string.Join(", ", FilterField.All.Select(f => f.Name)) + ")", start + 1)),
            });
        }
        if (literal.Length > 0) parts.Add(new Part(PartKind.Literal, Encoding.UTF8.GetBytes(literal.ToString()), null));
        return new EventFormat([.. parts], printIncomplete, new FieldContext(threads, formatter.Parameters, bufferLimit), formatter);
    }

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
                    dst.Append(part.Literal);
                    continue;
                case PartKind.Time:
                    _formatter.WriteTimeOfDay(dst, ev.Timestamp);
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

    static bool TryWriteField(Utf8Buffer dst, ref EventFields fields, FilterField field)
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
                dst.AppendFormatted(number);
                return true;
        }
    }
}
