using Capture.Native.Abi;
using Capture.Native.Probe;

namespace Capture.Actors.Drivers.Modern;

/// <summary>
/// Loads the embedded eBPF probe with its settings; the supervisor calls it on start, after
/// a fault and on a reload. A live change of the interest set (<see cref="UseLiveSettings"/>)
/// is kept for the instances loaded after it. A probe that is unavailable or has the wrong versions fails the
/// load with the probe's own typed exception, which names what is missing or both versions.
///
/// Every probe instance counts from zero, so the loader keeps the books across them: each
/// instance's counters are read once as it detaches, before it is unloaded, and added to the
/// detached total. What it reports is that total plus the attached instance's live counts,
/// so a reload never makes a count go back or lose what the old probe saw.
/// </summary>
public sealed class ModernDriverLoader(ProbeSettings settings) : IDriverLoader
{
    readonly Lock _books = new();
    ProbeSettings _settings = settings;
    ProbeCounters[]? _detached;
    ModernDriver? _current;

    public string Name => "modern_bpf";

    /// <summary>What the next instance loads with: the settings given, with the latest live change in them.</summary>
    public ProbeSettings Settings => Volatile.Read(ref _settings);

    /// <summary>A live change of the interest set holds for every instance loaded after it.</summary>
    public void UseLiveSettings(LiveSettings live)
    {
        Volatile.Write(ref _settings, Settings with { Interest = live.Interest });
    }

    /// <summary>
    /// The probe's own counters of every instance detached so far, summed per CPU: the
    /// kernel's side of the final accounting. Null before the first detach.
    /// </summary>
    public ProbeCounterReport? DetachedCounters
    {
        get
        {
            lock (_books) return _detached is null ? null : new ProbeCounterReport([.. _detached]);
        }
    }

    /// <summary>
    /// For metrics: the detached total plus the attached probe's counts now, per CPU; null
    /// before any probe loaded. Never goes back across a reload.
    /// </summary>
    public ProbeCounterReport? TotalCounters()
    {
        lock (_books)
        {
            // Under the lock the attached probe cannot be disposed: its driver hands its final
            // counts to Detached, which waits for this lock, before it unloads the probe.
            var live = _current?.Probe.ReadCounters();
            if (_detached is null) return live;
            var sum = _detached.ToArray();
            if (live is not null) Add(sum, live);
            return new ProbeCounterReport(sum);
        }
    }

    public ICaptureDriver Load()
    {
        ModernDriver? driver = null;
        driver = new ModernDriver(ModernProbe.Load(Settings), counters => Detached(driver!, counters));
        lock (_books) _current = driver;
        return driver;
    }

    /// <summary>Moves an instance's final counts into the detached total; one lock, so a reader sees them once.</summary>
    void Detached(ModernDriver driver, ProbeCounterReport final)
    {
        lock (_books)
        {
            _detached ??= new ProbeCounters[final.PerCpu.Count];
            Add(_detached, final);
            if (ReferenceEquals(_current, driver)) _current = null;
        }
    }

    static void Add(ProbeCounters[] into, ProbeCounterReport report)
    {
        for (var cpu = 0; cpu < into.Length && cpu < report.PerCpu.Count; cpu++) into[cpu].Add(report.PerCpu[cpu]);
    }
}
