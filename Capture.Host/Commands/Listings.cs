using Capture.Native.Filtering;
using Capture.Native.Schema;

namespace Capture.Host.Commands;

/// <summary>`capture -l` and `capture -L`: what filters can test and which events exist, as sysdig lists them.</summary>
static class Listings
{
    const int NameColumn = 30;

    public static void WriteFields(TextWriter output)
    {
        output.WriteLine("Fields for filters and -p:");
        foreach (var (name, meaning) in EventFilter.Fields) output.WriteLine($"{name.PadRight(NameColumn)}{meaning}");
        output.WriteLine();
        output.WriteLine("Fields for -p only:");
        foreach (var (name, meaning) in EventFilter.FormatOnlyFields) output.WriteLine($"{name.PadRight(NameColumn)}{meaning}");
    }

    /// <summary>One line per event: direction, name and parameters with their types, e.g. <c>&lt; open(FD fd, FSPATH name, ...)</c>.</summary>
    public static void WriteEvents(TextWriter output)
    {
        foreach (var info in EventTable.All)
        {
            if (info is null || info.IsUnused) continue;
            output.WriteLine($"{info.DirectionSymbol} {info.Name}({string.Join(", ", info.Params.Select(p => $"{p.Type} {p.Name}"))})");
        }
    }
}
