using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Native.Batches;
using Capture.Native.Filtering;
using Capture.Native.Processes;
using Capture.Native.Schema;

namespace Capture.Host.Output;

/// <summary>
/// Feeds merged batches to an <see cref="IEventOutput"/> event by event, keeping the thread
/// table current and numbering events from 1 as sysdig does. When a limit is set, events past
/// it are not written and <paramref name="limitReached"/> is called once, so the command can
/// stop the capture. Events that <paramref name="shows"/> rejects update the thread table only.
/// Events <paramref name="filter"/> rejects are numbered but not written, as sysdig numbers
/// them; the limit counts written events. Without a thread table (an output that names
/// nothing) events are only counted and written.
/// </summary>
public sealed class EventOutputSink(string name, IEventOutput output, ThreadTable? threads, Func<EventInfo, bool> shows, long? limit, Action limitReached,
    EventFilter? filter = null) : ICaptureSink
{
    // Output reaches the terminal or the file at least this often, so a live capture shows
    // events as they come and a file killed with -9 holds all but the last moments. A small
    // batch means a quiet machine, where the next batch may be long in coming: it is flushed
    // at once (cheap at that rate).
    static readonly long FlushEvery = System.Diagnostics.Stopwatch.Frequency / 10;
    const int SmallBatch = 256;

    ulong _number;
    long _written;
    long _filteredOut;
    long _stateOnly;
    bool _limitSignalled;
    long _flushedAt = System.Diagnostics.Stopwatch.GetTimestamp();

    public string Name => name;

    /// <summary>Events written so far.</summary>
    public long Written => Volatile.Read(ref _written);

    /// <summary>Events in the selection that the filter left out.</summary>
    public long FilteredOut => Volatile.Read(ref _filteredOut);

    /// <summary>Events delivered but outside the selection: the state calls the probe sends whatever is selected.</summary>
    public long StateOnly => Volatile.Read(ref _stateOnly);

    public void Write(EventBatch batch)
    {
        var small = batch.Count < SmallBatch;
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                if (limit is { } max && _written >= max)
                {
                    SignalLimit();
                    return;
                }
                var ev = batch.View(i);
                threads?.Observe(ev);
                if (!shows(ev.Info))
                {
                    Volatile.Write(ref _stateOnly, _stateOnly + 1);
                    continue;
                }
                _number++;
                var cpu = batch.Slot(i).Cpu;
                if (filter is not null && !filter.Matches(ev, _number, cpu))
                {
                    Volatile.Write(ref _filteredOut, _filteredOut + 1);
                    continue;
                }
                Volatile.Write(ref _written, _written + 1);
                output.Write(ev, cpu, _number);
            }
        }
        finally
        {
            batch.Release();
        }
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!small && now - _flushedAt < FlushEvery) return;
        output.Flush();
        _flushedAt = now;
    }

    public void Gap(CaptureGap gap) => output.Flush();

    public void Complete()
    {
        output.Flush();
        output.Dispose();
    }

    void SignalLimit()
    {
        if (_limitSignalled) return;
        _limitSignalled = true;
        limitReached();
    }
}
