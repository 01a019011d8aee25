using System.Text;

namespace Capture.Tools.SchemaGen;

/// <summary>
/// Writes the C side of the schema for the probe. Everything is an enum, a #define or an
/// X-macro, so including it costs a BPF object nothing it does not use.
/// </summary>
static class CHeaderEmitter
{
    public static string Emit(SchemaModel m)
    {
        var s = new StringBuilder();
        s.AppendLine("/* Generated from the files in driver/schema by tools/SchemaGen. Do not edit. */");
        s.AppendLine("#ifndef CAPTURE_SCHEMA_H");
        s.AppendLine("#define CAPTURE_SCHEMA_H");
        s.AppendLine();
        Version(s, "API", m.ApiVersion);
        Version(s, "SCHEMA", m.SchemaVersion);

        Enum(s, "capture_param_type", "PT_", m.ParamTypes);
        Enum(s, "capture_print_format", "PF_", m.PrintFormats);
        Enum(s, "capture_event_category", "EC_", m.Categories);
        Enum(s, "capture_event_flags", "EF_", m.EventFlags);

        s.AppendLine("enum capture_event_type {");
        foreach (var e in m.Events) s.AppendLine($"\t{e.EnumName} = {e.Id},");
        s.AppendLine($"\tPPM_EVENT_MAX = {m.Events.Count},");
        s.AppendLine("};");
        s.AppendLine();
        foreach (var e in m.Events) s.AppendLine($"#define {e.EnumName}_NPARAMS {e.Params.Count}");
        s.AppendLine();

        s.AppendLine("enum capture_syscall_code {");
        foreach (var c in m.Syscalls) s.AppendLine($"\tPPM_SC_{c.Name.ToUpperInvariant()} = {c.Value},");
        s.AppendLine("};");
        s.AppendLine();

        s.AppendLine("/* Flag values in libs' portable encoding: CAPTURE_<TABLE>_<NAME>. */");
        foreach (var t in m.FlagTables)
        foreach (var e in t.Entries.DistinctBy(e => e.Name))
            s.AppendLine($"#define CAPTURE_{t.Name.ToUpperInvariant()}_{e.Name} 0x{e.Value:x}U");
        s.AppendLine();

        s.AppendLine("/* X-macros over the whole table, for tools and for the spec that checks C and C# agree.");
        s.AppendLine(" * CAPTURE_EVENTS(EVENT): EVENT(id, enum_name, \"name\", 'E' or 'X', flags, nparams)");
        s.AppendLine(" * CAPTURE_PARAMS(PARAM): PARAM(event_id, index, \"name\", type, format) */");
        s.AppendLine("#define CAPTURE_EVENTS(EVENT) \\");
        foreach (var e in m.Events)
        {
            var flags = e.Flags.Count == 0 ? "0" : string.Join("|", e.Flags.Select(f => "EF_" + f));
            s.AppendLine($"\tEVENT({e.Id}, {e.EnumName}, \"{e.Name}\", '{e.Direction}', {flags}, {e.Params.Count}) \\");
        }
        s.AppendLine();
        s.AppendLine("#define CAPTURE_PARAMS(PARAM) \\");
        foreach (var e in m.Events)
            for (var i = 0; i < e.Params.Count; i++)
                s.AppendLine($"\tPARAM({e.Id}, {i}, \"{e.Params[i].Name}\", PT_{e.Params[i].Type}, PF_{e.Params[i].Format}) \\");
        s.AppendLine();
        s.AppendLine("#endif /* CAPTURE_SCHEMA_H */");
        return s.ToString();
    }

    static void Version(StringBuilder s, string which, string version)
    {
        var parts = version.Split('.').Select(ulong.Parse).ToArray();
        var packed = (parts[0] << 44) | (parts[1] << 24) | parts[2];
        s.AppendLine($"#define CAPTURE_{which}_VERSION_MAJOR {parts[0]}");
        s.AppendLine($"#define CAPTURE_{which}_VERSION_MINOR {parts[1]}");
        s.AppendLine($"#define CAPTURE_{which}_VERSION_PATCH {parts[2]}");
        s.AppendLine($"/* major << 44 | minor << 24 | patch, as libs packs it */");
        s.AppendLine($"#define CAPTURE_{which}_VERSION 0x{packed:x}ULL");
        s.AppendLine();
    }

    static void Enum(StringBuilder s, string name, string prefix, IEnumerable<NamedValue> values)
    {
        s.AppendLine($"enum {name} {{");
        foreach (var v in values) s.AppendLine($"\t{prefix}{v.Name} = {v.Value}U,");
        s.AppendLine("};");
        s.AppendLine();
    }
}
