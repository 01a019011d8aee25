using Capture.Native.Events;
using Capture.Native.Filtering;
using Capture.Native.Processes;
using Capture.Native.Schema;

namespace Capture.Actors.Outputs;

/// <summary>
/// The one way an event becomes output, for a live capture and for `capture -r` alike:
/// observe (the thread table follows it), select (an event outside the syscall selection only
/// updates state), number (every selected event, from 1, as sysdig numbers the events it reads),
/// filter (an event the filter rejects keeps its number, as in sysdig), write. The limit (-n)
/// counts written events as sysdig's -n does: also the internal ones it reads and does not
/// print, but not container events, which libsinsp's container engine takes before sysdig
/// counts; once it is reached nothing more is taken.
///
/// Counters are written with <see cref="Volatile"/> so that a status line on another thread
/// reads them whole; everything else runs on the one thread that feeds the path.
/// </summary>
public sealed class OutputPath(IEventOutput output, StateObserver? observer, EventFilter? filter, long? limit, Func<EventInfo, bool>? selection = null)
{
    EventFilter? _filter = filter;

    ulong _number;
    long _written;
    long _counted;
    long _filteredOut;
    long _stateOnly;

    /// <summary>
    /// The path <paramref name="request"/> asks for into <paramref name="output"/>, its filter
    /// parsed against <paramref name="threads"/>. Only printed lines, a filter and a rotated file
    /// (each file starts with the processes and fds open then) need the whole table; a single
    /// file keeps the raw events, so for it only the containers are kept current (the file
    /// carries those started during the capture; following every event costs more than the rest
    /// of the path), and -q keeps nothing.
    /// </summary>
    /// <param name="selection">Which event types are shown; null shows all (a file keeps every event).</param>
    public static OutputPath For(OutputRequest request, IEventOutput output, ThreadTable threads, AccountNames accounts, long? limit,
        Func<EventInfo, bool>? selection = null)
    {
        var filter = request.Filter is { } text ? EventFilter.Parse(text, threads, accounts) : null;
        var observer = request.PrintsLines || filter is not null || request.Rotation is not null ? new StateObserver(threads)
            : request.FilePath is not null ? StateObserver.ContainersOnly(threads)
            : null;
        return new OutputPath(output, observer, filter, limit, selection);
    }

    /// <summary>Events written so far.</summary>
    public long Written => Volatile.Read(ref _written);

    /// <summary>Events in the selection that the filter left out.</summary>
    public long FilteredOut => Volatile.Read(ref _filteredOut);

    /// <summary>Events outside the selection: the state calls the probe sends whatever is selected.</summary>
    public long StateOnly => Volatile.Read(ref _stateOnly);

    public bool LimitReached => limit is { } max && _counted >= max;

    /// <summary>
    /// Follows an event that is not to be shown (a plugin stage hid it) so that the processes
    /// and files it changes are named right in what is shown after it; it is not numbered.
    /// </summary>
    public void Observe(in EventView ev) => observer?.Observe(ev);

    /// <summary>
    /// Takes one event through the path; false, taking nothing, once the limit is reached. An
    /// output that fails throws <see cref="OutputFailedException"/> and the event is not written.
    /// </summary>
    public bool Take(in EventView ev, ushort cpu)
    {
        if (LimitReached) return false;
        observer?.Observe(ev);
        if (selection is not null && !selection(ev.Info))
        {
            Volatile.Write(ref _stateOnly, _stateOnly + 1);
            return true;
        }
        _number++;
        if (_filter is not null && !_filter.Matches(ev, _number, cpu))
        {
            Volatile.Write(ref _filteredOut, _filteredOut + 1);
            return true;
        }
        output.Write(ev, cpu, _number);
        Volatile.Write(ref _written, _written + 1);
        if (!IsContainerEvent(ev.Info)) _counted++;
        return true;
    }

    /// <summary>
    /// True while the path looks at nothing of an event: no state to follow, every type shown,
    /// no filter, no limit, and an output that keeps nothing (-q). A batch is then taken whole
    /// by its count (<see cref="TakeWhole"/>): the events are numbered and counted written as
    /// <see cref="Take"/> would, without a pass over them (with no limit, nothing reads the
    /// count the limit is checked against).
    /// </summary>
    public bool TakesWholeBatches => observer is null && selection is null && _filter is null && limit is null && output is NullOutput;

    /// <summary>Takes <paramref name="count"/> events at once; only while <see cref="TakesWholeBatches"/>.</summary>
    public void TakeWhole(int count)
    {
        if (!TakesWholeBatches) throw new InvalidOperationException("this path looks at every event: take them one by one");
        _number += (ulong)count;
        Volatile.Write(ref _written, _written + count);
    }

    /// <summary>
    /// Filters the events taken from now on with <paramref name="next"/> (null: none); numbering
    /// goes on. Called on the thread that feeds the path, between events; the filter must be
    /// parsed against the table this path's observer keeps.
    /// </summary>
    public void ChangeFilter(EventFilter? next) => _filter = next;

    static bool IsContainerEvent(EventInfo info) => info.Id is EventIds.PPME_CONTAINER_JSON_E or EventIds.PPME_CONTAINER_JSON_2_E;

    /// <summary>Pushes out what the output buffers; throws <see cref="OutputFailedException"/> if it cannot.</summary>
    public void Flush() => output.Flush();

    /// <summary>Flushes and closes the output (closing twice is harmless); a file whose disk fills now throws <see cref="OutputFailedException"/>.</summary>
    public void Close()
    {
        output.Flush();
        output.Dispose();
    }
}
