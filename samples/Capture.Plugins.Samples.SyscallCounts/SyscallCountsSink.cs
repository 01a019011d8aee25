using System.Globalization;
using System.Text;
using Capture.Native.Batches;
using Capture.Native.Schema;

namespace Capture.Plugins.Samples.SyscallCounts;

/// <summary>
/// Counts exit events (one per completed syscall) per thread and syscall. A table entry is
/// allocated the first time a (thread, syscall) pair is seen, never per event. The table is
/// written, sorted by thread then syscall, when the stream completes (or the plugin reloads).
/// </summary>
public sealed class SyscallCountsSink(string output) : IPluginSink
{
    readonly Dictionary<(ulong Thread, ushort Type), long> _counts = [];
    long _gaps;

    public string Name => "table";

    public string Output => output;

    public IReadOnlyDictionary<(ulong Thread, ushort Type), long> Counts => _counts;

    public void Write(EventBatch batch)
    {
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var view = batch.View(i);
                if (view.Info.Direction != EventDirection.Exit) continue;
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, (view.ThreadId, view.Type), out _)++;
            }
        }
        finally
        {
            batch.Release();
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

    static string SyscallName(ushort type) => EventTable.Find(type)?.Name ?? $"event {type}";
}
