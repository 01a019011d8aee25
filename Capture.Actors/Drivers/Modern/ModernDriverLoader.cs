using Capture.Native.Abi;
using Capture.Native.Polling;
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
public sealed class ModernDriverLoader(ProbeSettings settings) : IDriverLoader, IKernelCounterSource
{
    readonly CounterBooks _books = new();
    ProbeSettings _settings = settings;
    ModernDriver? _latest;

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
    public ProbeCounterReport? DetachedCounters => _books.Detached;

    /// <summary>For metrics: the detached total plus the attached probe's counts now; never goes back across a reload.</summary>
    public ProbeCounterReport? TotalCounters() => _books.Total();

    /// <summary>The most recently loaded instance's polling thread, for the summary of how it kept up; null before a start.</summary>
    public RingPoller? LatestPoller => Volatile.Read(ref _latest)?.Poller;

    public ICaptureDriver Load()
    {
        ModernDriver? driver = null;
        driver = new ModernDriver(ModernProbe.Load(Settings), counters => _books.Detach(driver!, counters));
        Volatile.Write(ref _latest, driver);
        _books.Attach(driver, driver.Probe.ReadCounters);
        return driver;
    }
}
