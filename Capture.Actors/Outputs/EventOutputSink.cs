using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Native.Batches;
using Capture.Native.Filtering;
using Capture.Native.Processes;
using Capture.Native.Schema;

namespace Capture.Actors.Outputs;

/// <summary>
/// Feeds merged batches to an <see cref="IEventOutput"/> event by event, keeping the thread
/// table current and numbering events from 1 as sysdig does. When a limit is set, events past
/// it are not written and <paramref name="stopCapture"/> is called once, so the command can
/// stop the capture. Events that <paramref name="shows"/> rejects update the thread table only.
/// Events <paramref name="filter"/> rejects are numbered but not written, as sysdig numbers
/// them; the limit counts written events. Without a thread table (an output that names
/// nothing) events are only counted and written.
///
/// An output that fails (the file's disk filled) ends the capture too: <see cref="Failure"/>
/// says why, <see cref="Written"/> goes back to the events the file holds, and the sink
/// throws <see cref="SinkLostEventsException"/> with exactly the events it had taken and lost,
/// so the pipeline counts those as dropped here and nothing twice.
/// </summary>
public sealed class EventOutputSink(string name, IEventOutput output, ThreadTable? threads, Func<EventInfo, bool> shows, long? limit, Action stopCapture,
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
    bool _stopSignalled;
    volatile OutputFailedException? _failure;
    long _flushedAt = System.Diagnostics.Stopwatch.GetTimestamp();

    public string Name => name;

    /// <summary>Events written so far.</summary>
    public long Written => Volatile.Read(ref _written);

    /// <summary>Events in the selection that the filter left out.</summary>
    public long FilteredOut => Volatile.Read(ref _filteredOut);

    /// <summary>Events delivered but outside the selection: the state calls the probe sends whatever is selected.</summary>
    public long StateOnly => Volatile.Read(ref _stateOnly);

    /// <summary>Why the output stopped taking events, or null.</summary>
    public OutputFailedException? Failure => _failure;

    public void Write(EventBatch batch)
    {
        var count = batch.Count;
        var small = count < SmallBatch;
        var i = 0;
        try
        {
            for (; i < count; i++)
            {
                if (limit is { } max && _written >= max)
                {
                    SignalStop();
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
                output.Write(ev, cpu, _number);
                Volatile.Write(ref _written, _written + 1);
            }
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            if (!small && now - _flushedAt < FlushEvery) return;
            output.Flush();
            _flushedAt = now;
        }
        catch (OutputFailedException e)
        {
            // The event at i was not taken, nor any after it.
            throw Failed(e, count - i);
        }
        finally
        {
            batch.Release();
        }
    }

    public void Gap(CaptureGap gap)
    {
        try
        {
            output.Flush();
        }
        catch (OutputFailedException e)
        {
            throw Failed(e, 0);
        }
    }

    public void Complete()
    {
        try
        {
            output.Flush();
            output.Dispose();
        }
        catch (OutputFailedException e)
        {
            throw Failed(e, 0);
        }
    }

    SinkLostEventsException Failed(OutputFailedException failure, long notTaken)
    {
        Volatile.Write(ref _written, _written - failure.EventsLost);
        _failure = failure;
        SignalStop();
        return new SinkLostEventsException(failure.EventsLost + notTaken, failure);
    }

    void SignalStop()
    {
        if (_stopSignalled) return;
        _stopSignalled = true;
        stopCapture();
    }
}
