using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Native.Batches;

namespace Capture.Actors.Outputs;

/// <summary>
/// Feeds merged batches through an <see cref="OutputPath"/> event by event (observe, select,
/// number, filter, write) and flushes the output often enough to be watched. When the path's
/// limit is reached, the rest of the batch is not written and <paramref name="stopCapture"/> is
/// called once, so the command can stop the capture.
///
/// An output that fails (the file's disk filled) ends the capture too: <see cref="Failure"/>
/// says why, <see cref="Written"/> goes back to the events the file holds, and the sink
/// throws <see cref="SinkLostEventsException"/> with exactly the events it had taken and lost,
/// so the pipeline counts those as dropped here and nothing twice.
/// </summary>
public sealed class EventOutputSink(string name, OutputPath path, Action stopCapture) : ICaptureSink
{
    // Output reaches the terminal or the file at least this often, so a live capture shows
    // events as they come and a file killed with -9 holds all but the last moments. A small
    // batch means a quiet machine, where the next batch may be long in coming: it is flushed
    // at once (cheap at that rate).
    static readonly long FlushEvery = System.Diagnostics.Stopwatch.Frequency / 10;
    const int SmallBatch = 256;

    long _lost;
    bool _stopSignalled;
    volatile OutputFailedException? _failure;
    long _flushedAt = System.Diagnostics.Stopwatch.GetTimestamp();

    public string Name => name;

    /// <summary>Events written so far and still in the output.</summary>
    public long Written => path.Written - Volatile.Read(ref _lost);

    /// <summary>Events in the selection that the filter left out.</summary>
    public long FilteredOut => path.FilteredOut;

    /// <summary>Events delivered but outside the selection: the state calls the probe sends whatever is selected.</summary>
    public long StateOnly => path.StateOnly;

    /// <summary>Why the output stopped taking events, or null.</summary>
    public OutputFailedException? Failure => _failure;

    public void Write(EventBatch batch)
    {
        var count = batch.Count;
        var small = count < SmallBatch;
        var i = 0;
        try
        {
            if (batch.Unfiltered is { } whole)
            {
                if (!TakeFiltered(batch, whole, ref i)) return;
            }
            else if (path.TakesWholeBatches)
            {
                path.TakeWhole(count);
                i = count;
            }
            else
            {
                for (; i < count; i++)
                {
                    if (path.Take(batch.View(i), batch.Slot(i).Cpu)) continue;
                    SignalStop();
                    return;
                }
            }
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            if (!small && now - _flushedAt < FlushEvery) return;
            path.Flush();
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

    /// <summary>
    /// A plugin stage kept only some of the events of <paramref name="whole"/>: every event of it
    /// is observed, in order, so process and fd names stay right, and those the stage kept are
    /// taken through the path. <paramref name="taken"/> counts the kept ones taken. False once
    /// the limit stopped the capture.
    /// </summary>
    bool TakeFiltered(EventBatch kept, EventBatch whole, ref int taken)
    {
        for (var w = 0; w < whole.Count; w++)
        {
            var ev = whole.View(w);
            if (taken == kept.Count || !kept.Holds(taken, whole.Frame(w)))
            {
                path.Observe(ev);
                continue;
            }
            if (!path.Take(ev, whole.Slot(w).Cpu))
            {
                SignalStop();
                return false;
            }
            taken++;
        }
        return true;
    }

    public void Gap(CaptureGap gap) => Flush();

    /// <summary>Pushes out what the output buffers, as at a gap; a failure is handled as in <see cref="Write"/>.</summary>
    public void Flush()
    {
        try
        {
            path.Flush();
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
            path.Close();
        }
        catch (OutputFailedException e)
        {
            throw Failed(e, 0);
        }
    }

    SinkLostEventsException Failed(OutputFailedException failure, long notTaken)
    {
        Volatile.Write(ref _lost, _lost + failure.EventsLost);
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
