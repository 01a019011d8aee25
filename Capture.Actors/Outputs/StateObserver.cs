using Capture.Native.Batches;
using Capture.Native.Events;
using Capture.Native.Processes;

namespace Capture.Actors.Outputs;

/// <summary>
/// The observe step: keeps the thread table (process names, fds, users) current from the events
/// themselves, as libsinsp's parsers do, so that what reads it next (a filter on proc.name or
/// fd.name, a printed line) sees the state as of that event. It must see every event, shown or
/// filtered out or not, in timestamp order, and each one before anything reads the table for it;
/// the table is not thread-safe, so observing and reading happen on one thread.
/// </summary>
public sealed class StateObserver
{
    readonly ThreadTable _threads;
    readonly bool _containersOnly;

    public StateObserver(ThreadTable threads) : this(threads, containersOnly: false) { }

    StateObserver(ThreadTable threads, bool containersOnly)
    {
        _threads = threads;
        _containersOnly = containersOnly;
    }

    /// <summary>
    /// An observer that keeps only the container table current (see
    /// <see cref="ThreadTable.ObserveContainers"/>): for a file written whole, which carries the
    /// containers met during the capture but not the threads' state, and for which following
    /// every event would cost more than the rest of the path.
    /// </summary>
    public static StateObserver ContainersOnly(ThreadTable threads) => new(threads, containersOnly: true);

    public void Observe(in EventView ev)
    {
        if (_containersOnly) _threads.ObserveContainers(ev);
        else _threads.Observe(ev);
    }

    /// <summary>
    /// Every event of <paramref name="batch"/>, in order: for a stage that observes ahead of the
    /// sinks. What reads the table after it sees the state as of the batch's last event.
    /// </summary>
    public void Observe(EventBatch batch)
    {
        for (var i = 0; i < batch.Count; i++) Observe(batch.View(i));
    }
}
