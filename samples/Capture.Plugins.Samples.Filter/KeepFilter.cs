using System.Globalization;

namespace Capture.Plugins.Samples.Filter;

/// <summary>
/// The filter stage: drops every event whose type and thread are both unlisted; the host
/// passes a batch it keeps whole on as it is, and the kept events of any other without
/// copying them. Reads two header fields per event and allocates nothing.
/// </summary>
public sealed class KeepFilter : IBatchStage
{
    readonly bool[] _types = new bool[ushort.MaxValue + 1];
    readonly HashSet<ulong> _threads;

    KeepFilter(IEnumerable<ushort> types, IEnumerable<ulong> threads)
    {
        foreach (var type in types) _types[type] = true;
        _threads = threads.ToHashSet();
    }

    /// <param name="events">The host's catalog (<see cref="IPluginRegistration.Events"/>), to turn names into type ids.</param>
    /// <param name="types">Event names from the schema (every direction of the name) or numeric ids.</param>
    /// <param name="threads">Thread ids whose events are all kept.</param>
    public static KeepFilter From(IEventCatalog events, IEnumerable<string> types, IEnumerable<ulong> threads)
    {
        var ids = new List<ushort>();
        foreach (var type in types)
        {
            if (ushort.TryParse(type, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
                continue;
            }
            var named = events.TypesNamed(type);
            if (named.Count == 0) throw new ArgumentException($"the keep filter names event type '{type}', which the event table does not know");
            ids.AddRange(named);
        }
        return new KeepFilter(ids, threads);
    }

    public bool Keeps(ushort type, ulong threadId) => _types[type] || _threads.Contains(threadId);

    public void Process(EventBatchView batch, EventSelection keep)
    {
        var count = batch.Count;
        for (var i = 0; i < count; i++)
        {
            var e = batch[i];
            if (!Keeps(e.Type, e.ThreadId)) keep.Drop(i);
        }
    }
}
