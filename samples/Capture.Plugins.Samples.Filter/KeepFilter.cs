using System.Globalization;
using Capture.Native.Batches;
using Capture.Native.Schema;

namespace Capture.Plugins.Samples.Filter;

/// <summary>
/// The filter stage: a batch whose every event is kept goes on as it is; otherwise the kept
/// events are copied into a batch rented from the host and the input is released. Looks at
/// two header fields per event and allocates nothing per event.
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

    /// <param name="types">Event names from the schema (every direction of the name) or numeric ids.</param>
    public static KeepFilter From(IEnumerable<string> types, IEnumerable<ulong> threads)
    {
        var ids = new List<ushort>();
        foreach (var type in types)
        {
            if (ushort.TryParse(type, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
                continue;
            }
            var matches = EventTable.All.ToArray().Where(e => e is not null && e.Name == type && !e.IsUnused).Select(e => e.Id).ToList();
            if (matches.Count == 0) throw new ArgumentException($"the keep filter names event type '{type}', which the event table does not know");
            ids.AddRange(matches);
        }
        return new KeepFilter(ids, threads);
    }

    public bool Keeps(ushort type, ulong threadId) => _types[type] || _threads.Contains(threadId);

    public EventBatch? Process(EventBatch batch, IStageContext context)
    {
        var count = batch.Count;
        var first = 0;
        while (first < count && Keeps(batch, first)) first++;
        if (first == count) return batch; // everything kept: pass the batch itself on

        EventBatch? kept = null;
        try
        {
            kept = context.Rent();
            for (var i = 0; i < count; i++)
                if (i < first || (i > first && Keeps(batch, i)))
                    kept.TryAppend(batch.Frame(i), batch.Slot(i).Cpu); // a subset of a batch always fits a batch as large
            if (kept.IsEmpty) return null;
            var result = kept;
            kept = null;
            return result;
        }
        finally
        {
            kept?.Release();
            batch.Release();
        }
    }

    bool Keeps(EventBatch batch, int index)
    {
        var view = batch.View(index);
        return Keeps(view.Type, view.ThreadId);
    }
}
