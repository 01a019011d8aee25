using Capture.Native.Schema;
using Capture.Plugins;
using PluginDirection = Capture.Plugins.EventDirection;

namespace Capture.Actors.Plugins;

/// <summary>
/// The schema's event table as plugins see it (<see cref="IEventCatalog"/>), built once: one
/// <see cref="EventType"/> per id, so a lookup per event is an array read.
/// </summary>
sealed class EventCatalog : IEventCatalog
{
    public static EventCatalog Instance { get; } = new();

    readonly EventType?[] _types;
    readonly Dictionary<string, ushort[]> _named;

    EventCatalog()
    {
        var table = EventTable.All;
        _types = new EventType?[table.Length];
        var named = new Dictionary<string, List<ushort>>(StringComparer.Ordinal);
        foreach (var info in table)
        {
            if (info is null) continue;
            _types[info.Id] = new EventType(info.Id, info.Name, info.Direction == Native.Schema.EventDirection.Enter ? PluginDirection.Enter : PluginDirection.Exit, info.HasLargePayload);
            if (info.IsUnused) continue; // placeholders share names like "NA"; no driver sends them
            if (!named.TryGetValue(info.Name, out var ids)) named[info.Name] = ids = [];
            ids.Add(info.Id);
        }
        _named = named.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    public EventType? Find(ushort type) => type < _types.Length ? _types[type] : null;

    public IReadOnlyList<ushort> TypesNamed(string name) => _named.GetValueOrDefault(name) ?? [];
}
