using Capture.Native.Abi;
using Capture.Native.Probe;

namespace Capture.Actors.Drivers;

/// <summary>
/// The kernel side's own counters across driver instances. Every instance (a probe, a module
/// session) counts from zero, so a loader keeps the books: each instance's counters are read
/// once as it detaches and added to the detached total, and what is reported is that total
/// plus the attached instance's live counts, so a reload never makes a count go back or lose
/// what the old instance saw.
/// </summary>
public sealed class CounterBooks
{
    readonly Lock _gate = new();
    ProbeCounters[]? _detached;
    object? _attached;
    Func<ProbeCounterReport?>? _readAttached;

    /// <summary>The counters of every instance detached so far, summed per CPU; null before the first detach.</summary>
    public ProbeCounterReport? Detached
    {
        get
        {
            lock (_gate) return _detached is null ? null : new ProbeCounterReport([.. _detached]);
        }
    }

    /// <summary>The detached total plus the attached instance's counts now, per CPU; null before any instance.</summary>
    public ProbeCounterReport? Total()
    {
        lock (_gate)
        {
            // Under the lock the attached instance cannot go away: its final counts come
            // through Detach, which waits for this lock, before it is unloaded.
            var live = _readAttached?.Invoke();
            if (_detached is null) return live;
            var sum = _detached.ToArray();
            if (live is not null) Add(sum, live);
            return new ProbeCounterReport(sum);
        }
    }

    /// <summary>An instance is now the attached one; <paramref name="read"/> reads its live counts (null when it cannot).</summary>
    public void Attach(object instance, Func<ProbeCounterReport?> read)
    {
        lock (_gate)
        {
            _attached = instance;
            _readAttached = read;
        }
    }

    /// <summary>Moves an instance's final counts into the detached total; one lock, so a reader sees them once.</summary>
    public void Detach(object instance, ProbeCounterReport final)
    {
        lock (_gate)
        {
            _detached ??= new ProbeCounters[final.PerCpu.Count];
            Add(_detached, final);
            if (!ReferenceEquals(_attached, instance)) return;
            _attached = null;
            _readAttached = null;
        }
    }

    static void Add(ProbeCounters[] into, ProbeCounterReport report)
    {
        for (var cpu = 0; cpu < into.Length && cpu < report.PerCpu.Count; cpu++) into[cpu].Add(report.PerCpu[cpu]);
    }
}
