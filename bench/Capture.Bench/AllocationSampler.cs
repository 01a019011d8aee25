using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Capture.Bench;

/// <summary>
/// Which types the process allocates, sampled in-process from the runtime's allocation ticks
/// (one event per ~100 KB allocated, naming the type that crossed the mark). Enough to tell
/// which objects a per-event or per-batch allocation is, without an external profiler.
/// </summary>
sealed class AllocationSampler : EventListener
{
    const EventKeywords GcKeyword = (EventKeywords)0x1;
    readonly ConcurrentDictionary<string, long> _bytes = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        var type = e.PayloadNames!.IndexOf("TypeName") is var at and >= 0 ? e.Payload[at] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a]) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, b) => b + amount);
    }

    public void Reset() => _bytes.Clear();

    /// <summary>The sampled types, most bytes first.</summary>
    public IEnumerable<(string Type, long Bytes)> Top(int count) =>
        _bytes.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value));
}
