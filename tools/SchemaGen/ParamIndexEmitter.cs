using System.Text;

namespace Capture.Tools.SchemaGen;

/// <summary>
/// Writes where each parameter sits, so that code reading an event's arguments names them
/// by identifier and compares no parameter names while events flow: <c>ParamIndex</c> for
/// code that handles one event, <c>ParamSlots</c> for code that handles one argument across
/// all the events (and their successive versions) that carry it.
/// </summary>
static class ParamIndexEmitter
{
    public static void Emit(StringBuilder s, SchemaModel m)
    {
        s.AppendLine("/// <summary>The position of each parameter of an event, by the event's libs enum name.</summary>");
        s.AppendLine("public static class ParamIndex");
        s.AppendLine("{");
        foreach (var e in m.Events.Where(e => e.Params.Count > 0))
        {
            if (e.Params.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
                throw new FormatException($"event {e.Id} names two parameters '{twice.Key}'");
            s.AppendLine($"    public static class {e.EnumName}");
            s.AppendLine("    {");
            for (var i = 0; i < e.Params.Count; i++)
                s.AppendLine($"        public const int {Identifier(e.Params[i].Name)} = {i};");
            s.AppendLine("    }");
        }
        s.AppendLine("}");
        s.AppendLine();

        s.AppendLine("/// <summary>");
        s.AppendLine("/// Where the events carry each parameter name: indexed by event id, the parameter's position");
        s.AppendLine("/// in that event, -1 where the event has no parameter of that name. A table ends at the last");
        s.AppendLine("/// event that has the parameter. The tables are constant data: reading them allocates nothing.");
        s.AppendLine("/// </summary>");
        s.AppendLine("public static class ParamSlots");
        s.AppendLine("{");
        var byName = new SortedDictionary<string, SortedDictionary<int, int>>(StringComparer.Ordinal);
        foreach (var e in m.Events)
            for (var i = 0; i < e.Params.Count; i++)
            {
                var slots = byName.TryGetValue(e.Params[i].Name, out var found) ? found : byName[e.Params[i].Name] = [];
                if (i > sbyte.MaxValue) throw new FormatException($"event {e.Id}: parameter {i} does not fit a slot table");
                slots[e.Id] = i;
            }
        var identifiers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, slots) in byName)
        {
            if (!identifiers.Add(Identifier(name))) throw new FormatException($"parameter names collide as the identifier {Identifier(name)}");
            var table = Enumerable.Repeat(-1, slots.Keys.Max() + 1).ToArray();
            foreach (var (id, index) in slots) table[id] = index;
            s.AppendLine($"    /// <summary>\"{name}\"</summary>");
            s.AppendLine($"    public static ReadOnlySpan<sbyte> {Identifier(name)} => [{string.Join(", ", table)}];");
        }
        s.AppendLine("}");
    }

    /// <summary>A parameter name as a C# identifier: pid_fd → PidFd, nativeID → NativeID.</summary>
    static string Identifier(string name) =>
        string.Concat(name.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
