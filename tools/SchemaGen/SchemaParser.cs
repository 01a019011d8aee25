using System.Globalization;

namespace Capture.Tools.SchemaGen;

/// <summary>
/// Reads the five schema files. Any line it cannot understand stops the build with the
/// file and line number, because a silently skipped event would desynchronise C and C#.
/// </summary>
static class SchemaParser
{
    public static SchemaModel Parse(string dir)
    {
        var types = new Dictionary<string, List<NamedValue>>();
        foreach (var (fields, where) in Lines(Path.Combine(dir, "types.schema")))
        {
            Require(fields.Length is 3 or 4, where, "expected KIND NAME VALUE [SIZE]");
            if (!types.TryGetValue(fields[0], out var list)) types[fields[0]] = list = [];
            list.Add(new NamedValue(fields[1], Number(fields[2], where), fields.Length == 4 ? fields[3] : null));
        }

        string? api = null, schema = null;
        var events = new List<EventRow>();
        foreach (var (f, where) in Lines(Path.Combine(dir, "events.schema")))
        {
            if (f[0] == "api-version") { api = f[1]; continue; }
            if (f[0] == "schema-version") { schema = f[1]; continue; }
            Require(f.Length >= 7 && f[1] is "E" or "X", where, "expected id dir name enum categories flags legacy params...");
            var parameters = f.Skip(7).Select(p => Param(p, where)).ToList();
            events.Add(new EventRow(
                (int)Number(f[0], where), f[1][0], f[2], f[3],
                f[4].Split('|'), f[5] == "-" ? [] : f[5].Split('|'),
                f[6] == "-" ? null : (int)Number(f[6], where), parameters));
        }
        Require(api is not null && schema is not null, $"{dir}/events.schema", "api-version and schema-version lines are required");
        for (var i = 0; i < events.Count; i++)
            Require(events[i].Id == i, $"{dir}/events.schema", $"event ids must be dense and ordered; expected {i}, found {events[i].Id}");

        var flagTables = new List<FlagTableRow>();
        foreach (var (f, where) in Lines(Path.Combine(dir, "flags.schema")))
        {
            if (f[0] == "table") { flagTables.Add(new FlagTableRow(f[1], new List<NamedValue>())); continue; }
            Require(f.Length == 2 && flagTables.Count > 0, where, "expected NAME VALUE inside a table");
            ((List<NamedValue>)flagTables[^1].Entries).Add(new NamedValue(f[0], Number(f[1], where)));
        }

        var syscalls = new List<SyscallRow>();
        foreach (var (f, where) in Lines(Path.Combine(dir, "syscalls.schema")))
        {
            Require(f.Length is 2 or 3, where, "expected NAME CODE [CATEGORY]");
            var category = f.Length == 3 ? f[2].ToUpperInvariant() : null;
            Require(category is null || types["category"].Any(c => c.Name == category), where, $"unknown category {f.ElementAtOrDefault(2)}");
            syscalls.Add(new SyscallRow(f[0], Number(f[1], where), category));
        }

        var dynamic = new List<DynamicTableRow>();
        foreach (var (f, where) in Lines(Path.Combine(dir, "dynamic.schema")))
        {
            if (f[0] == "table")
            {
                Require(f.Length == 4 && f[2] == "used-by", where, "expected table NAME used-by EVENT:PARAM,...");
                dynamic.Add(new DynamicTableRow(f[1], f[3].Split(','), new List<ParamRow>()));
                continue;
            }
            Require(f.Length == 3 && dynamic.Count > 0 && (int)Number(f[0], where) == dynamic[^1].Choices.Count,
                where, "expected INDEX TYPE FORMAT, indexes dense from 0, inside a table");
            ((List<ParamRow>)dynamic[^1].Choices).Add(new ParamRow(f[0], f[1], f[2], null));
        }

        var model = new SchemaModel(api!, schema!, types["param-type"], types["print-format"],
            types["category"], types["flag"], events, flagTables, syscalls, dynamic);
        Validate(model);
        return model;
    }

    static void Validate(SchemaModel m)
    {
        var typeNames = m.ParamTypes.Select(t => t.Name).ToHashSet();
        var formats = m.PrintFormats.Select(t => t.Name).ToHashSet();
        var tables = m.FlagTables.Select(t => t.Name).ToHashSet();
        foreach (var e in m.Events)
        foreach (var p in e.Params)
        {
            var where = $"events.schema id {e.Id} param {p.Name}";
            Require(typeNames.Contains(p.Type), where, $"unknown type {p.Type}");
            Require(formats.Contains(p.Format), where, $"unknown format {p.Format}");
            Require(p.FlagTable is null || tables.Contains(p.FlagTable), where, $"unknown flag table {p.FlagTable}");
        }
    }

    static ParamRow Param(string text, string where)
    {
        var parts = text.Split(':');
        Require(parts.Length is 3 or 4, where, $"parameter '{text}' is not name:TYPE:FORMAT[:table]");
        return new ParamRow(parts[0], parts[1], parts[2], parts.Length == 4 ? parts[3] : null);
    }

    static IEnumerable<(string[] Fields, string Where)> Lines(string path)
    {
        var n = 0;
        foreach (var raw in File.ReadLines(path))
        {
            n++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            yield return (line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries), $"{path}:{n}");
        }
    }

    static ulong Number(string text, string where)
    {
        var ok = text.StartsWith("0x", StringComparison.Ordinal)
            ? ulong.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out v);
        Require(ok, where, $"'{text}' is not a number");
        return v;
    }

    static void Require(bool condition, string where, string what)
    {
        if (!condition) throw new FormatException($"{where}: {what}");
    }
}
