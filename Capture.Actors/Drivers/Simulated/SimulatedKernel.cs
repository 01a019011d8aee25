namespace Capture.Actors.Drivers.Simulated;

/// <summary>
/// A deterministic stand-in for the kernel side: CPUs that produce real scap frames into
/// bounded rings on a virtual clock that only <see cref="Advance"/> moves. It outlives driver
/// instances, as the real kernel does: a reload detaches one instance and attaches the next,
/// and the clock goes on.
/// </summary>
public sealed class SimulatedKernel
{
    readonly object _clockLock = new();
    readonly SimulatedCpu[] _cpus;
    readonly Crash[] _crashes;
    int _nextCrash;
    ulong _now;
    SimulatedDriver? _attached;

    public SimulatedKernel(SimulationSettings settings)
    {
        if (settings.Rings < 1) throw new ArgumentOutOfRangeException(nameof(settings), "a simulated kernel needs at least one ring");
        Settings = settings;
        _cpus = Enumerable.Range(0, settings.Rings).Select(i => new SimulatedCpu(i, settings)).ToArray();
        _crashes = settings.Faults.OfType<Crash>().OrderBy(c => c.At).ToArray();
        _now = settings.StartTime;
    }

    public SimulationSettings Settings { get; }

    /// <summary>The virtual clock, in ns since the Unix epoch.</summary>
    public ulong Now { get { lock (_clockLock) return _now; } }

    /// <summary>Virtual time since <see cref="SimulationSettings.StartTime"/>.</summary>
    public ulong Elapsed => Now - Settings.StartTime;

    /// <summary>The kernel's books summed over every CPU.</summary>
    public SimulationTotals Totals
    {
        get
        {
            var sum = default(SimulationTotals);
            foreach (var cpu in _cpus) sum += cpu.Totals;
            return sum;
        }
    }

    public SimulationTotals TotalsOf(int ring) => _cpus[ring].Totals;

    /// <summary>Events waiting in one ring for its reader.</summary>
    public int Queued(int ring) => Settings.RingCapacity - _cpus[ring].FreeSlots;

    /// <summary>The fewest free slots of any ring: a producer that must not drop waits for room.</summary>
    public int MinFreeSlots
    {
        get
        {
            var min = int.MaxValue;
            foreach (var cpu in _cpus) min = Math.Min(min, cpu.FreeSlots);
            return min;
        }
    }

    /// <summary>Moves the clock forward, letting every CPU produce what falls due, and fires crashes on the way.</summary>
    public void Advance(ulong nanoseconds)
    {
        lock (_clockLock)
        {
            var to = _now + nanoseconds;
            while (_nextCrash < _crashes.Length && Settings.StartTime + _crashes[_nextCrash].At <= to)
            {
                var at = Settings.StartTime + _crashes[_nextCrash++].At;
                AdvanceCpus(at);
                _attached?.Crash($"simulated driver crashed at +{at - Settings.StartTime} ns");
            }
            AdvanceCpus(to);
        }
    }

    void AdvanceCpus(ulong to)
    {
        foreach (var cpu in _cpus) cpu.Advance(to);
        if (to > _now) _now = to;
    }

    /// <summary>Ends the run: stalls lift, and each ring reports finished once drained.</summary>
    public void Finish()
    {
        foreach (var cpu in _cpus) cpu.Finish();
    }

    internal IReadOnlyList<SimulatedCpu> Attach(SimulatedDriver driver)
    {
        lock (_clockLock)
        {
            if (_attached is not null) throw new DriverFaultException("a simulated driver instance is already attached");
            _attached = driver;
            foreach (var cpu in _cpus) cpu.Attach();
            return _cpus;
        }
    }

    internal void Detach(SimulatedDriver driver)
    {
        lock (_clockLock)
        {
            if (!ReferenceEquals(_attached, driver)) return;
            _attached = null;
            foreach (var cpu in _cpus) cpu.Detach();
        }
    }
}
