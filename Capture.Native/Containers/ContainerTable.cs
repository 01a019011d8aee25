using System.Text;

namespace Capture.Native.Containers;

/// <summary>
/// The containers met so far, by id: threads whose cgroups name the same container share one
/// <see cref="Container"/>. Owned by the reader of the stream (as the thread table is); only a
/// container's <see cref="Container.Metadata"/> is written from elsewhere. A container met
/// for the first time is handed to the metadata source, if there is one, to be looked up.
/// </summary>
public sealed class ContainerTable(IContainerMetadataSource? metadata = null)
{
    // Ids are short ASCII; looked up by a char span made on the stack, so finding a known
    // container from a clone's cgroups allocates nothing.
    readonly Dictionary<string, Container> _byId = [];

    const int LongestId = 128;

    int _generation;

    /// <summary>
    /// Goes up each time a container's metadata is learnt or replaced, from any thread: what
    /// writes containers into files compares it with the one it last saw, one load per event,
    /// and looks at the table only when it moved.
    /// </summary>
    public int Generation => Volatile.Read(ref _generation);

    internal void MetadataLearnt() => Interlocked.Increment(ref _generation);

    public int Count => _byId.Count;

    public IEnumerable<Container> All => _byId.Values;

    public Container? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The container named by <paramref name="cgroups"/>, met before or new; <see cref="Container.Host"/> when none is.</summary>
    public Container ForCgroups(ReadOnlySpan<byte> cgroups) =>
        CgroupContainerId.TryFind(cgroups, out var type, out var id) ? ForId(id, type) : Container.Host;

    /// <summary>The container with this id, added (and asked about) when new.</summary>
    public Container ForId(ReadOnlySpan<byte> id, ContainerType type)
    {
        if (id.Length > LongestId) id = id[..LongestId];
        Span<char> chars = stackalloc char[id.Length];
        for (var i = 0; i < id.Length; i++) chars[i] = (char)id[i];
        var lookup = _byId.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars, out var known)) return known;
        return Add(new Container(Encoding.UTF8.GetString(id), type));
    }

    /// <summary>A container a file's container event describes: its metadata replaces what was known.</summary>
    public Container Describe(string id, ContainerType type, ContainerMetadata described)
    {
        if (!_byId.TryGetValue(id, out var container)) container = Add(new Container(id, type), ask: false);
        container.Type = type;
        container.Metadata = described;
        return container;
    }

    Container Add(Container container, bool ask = true)
    {
        container.Table = this;
        _byId[container.IdText] = container;
        if (ask) metadata?.Request(container);
        return container;
    }
}
