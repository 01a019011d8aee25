using Capture.Native.Events;
using Capture.Native.Formatting;
using Capture.Native.Processes;

namespace Capture.Native.Filtering;

/// <summary>
/// A sysdig-style filter such as <c>proc.name=curl and fd.name contains /etc</c>, parsed once
/// and then matched against events without allocating. Fields that name processes and
/// descriptors read the thread table, which must already have observed the event (as for
/// formatting).
/// </summary>
public sealed class EventFilter
{
    readonly FilterNode _root;
    readonly FieldContext _context;

    EventFilter(string text, FilterNode root, ThreadTable? threads, AccountNames? accounts)
    {
        Text = text;
        _root = root;
        _context = new FieldContext(threads, new ParamFormatter(threads, accounts));
    }

    public string Text { get; }

    /// <summary>
    /// Parses <paramref name="text"/>; throws <see cref="FilterException"/> naming what is
    /// wrong and where. <paramref name="accounts"/> names users and groups (user.name).
    /// </summary>
    public static EventFilter Parse(string text, ThreadTable? threads, AccountNames? accounts = null) =>
        new(text, FilterParser.Parse(text), threads, accounts);

    /// <summary>The fields a filter can use, with what each means.</summary>
    public static IEnumerable<(string Name, string Meaning)> Fields => FilterField.All.Select(f => (f.Name, f.Meaning));

    /// <summary>The fields only an output format (-p) can use.</summary>
    public static IEnumerable<(string Name, string Meaning)> FormatOnlyFields =>
    [
        ("evt.time", "the event's time of day, as the default line shows it"),
        ("evt.outputtime", "the event's time as the line shows it under -t (time of day by default)"),
        ("evt.info", "the parameters as the line shows them: name=value name=value"),
        ("evt.args", "the same as evt.info"),
    ];

    /// <param name="number">The event's number in the capture (evt.num).</param>
    public bool Matches(in EventView ev, ulong number, ushort cpu)
    {
        var fields = new EventFields(ev, number, cpu, _context);
        return _root.Matches(ref fields);
    }
}
