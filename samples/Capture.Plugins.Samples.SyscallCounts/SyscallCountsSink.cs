using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Capture.Plugins.Samples.SyscallCounts;

/// <summary>
/// Counts exit events (one per completed syscall) per thread and syscall. A table entry is
/// allocated the first time a (thread, syscall) pair is seen, never per event; nothing is kept
/// past a write, so the sink takes no lease. The table is written, sorted by thread then
/// syscall, when the stream completes (or the plugin reloads).
/// </summary>
public sealed class SyscallCountsSink(string output, IEventCatalog events) : IPluginSink
{
    readonly Dictionary<(ulong Thread, ushort Type), long> _counts = [];
    long _gaps;

    public string Name => "table";

    public string Output => output;

    public IReadOnlyDictionary<(ulong Thread, ushort Type), long> Counts => _counts;

    public void Write(EventBatchView batch)
    {
        var count = batch.Count;
        for (var i = 0; i < count; i++)
        {
            var e = batch[i];
            if (e.Direction != EventDirection.Exit) continue;
            CollectionsMarshal.GetValueRefOrAddDefault(_counts, (e.ThreadId, e.Type), out _)++;
        }
    }

    public void Gap(CaptureHole hole) => _gaps++;

    public void Complete()
    {
        var text = new StringBuilder("tid\tsyscall\tcount\n");
        foreach (var ((thread, type), count) in _counts.OrderBy(c => c.Key.Thread).ThenBy(c => SyscallName(c.Key.Type), StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"{thread}\t{SyscallName(type)}\t{count}\n");
        if (_gaps > 0) text.Append(CultureInfo.InvariantCulture, $"# the capture had {_gaps} gaps; counts miss what fell in them\n");
        File.WriteAllText(output, text.ToString());
    }

    string SyscallName(ushort type) => events.Find(type)?.Name ?? $"event {type}";
}
