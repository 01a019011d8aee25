using Capture.Native.Probe;

namespace Capture.Actors.Drivers.Modern;

/// <summary>
/// Loads the embedded eBPF probe with fixed settings; the supervisor calls it on start, after
/// a fault and on a reload. A probe that is unavailable or has the wrong versions fails the
/// load with the probe's own typed exception, which names what is missing or both versions.
/// </summary>
public sealed class ModernDriverLoader(ProbeSettings settings) : IDriverLoader
{
    ProbeCounterReport? _lastCounters;
    ModernDriver? _current;

    public string Name => "modern_bpf";

    public ProbeSettings Settings => settings;

    /// <summary>
    /// The probe's own counters as the last driver instance left them, read just before it
    /// was unloaded: the kernel's side of the final accounting. Null before any detach.
    /// </summary>
    public ProbeCounterReport? LastCounters => Volatile.Read(ref _lastCounters);

    /// <summary>The running probe's counters per CPU, for metrics; null when no probe is attached.</summary>
    public ProbeCounterReport? CurrentCounters()
    {
        try
        {
            return Volatile.Read(ref _current)?.Probe.ReadCounters();
        }
        catch (ObjectDisposedException)
        {
            return null; // detached between the read of the field and the map lookup
        }
    }

    public ICaptureDriver Load()
    {
        var driver = new ModernDriver(ModernProbe.Load(settings), counters =>
        {
            Volatile.Write(ref _lastCounters, counters);
            Volatile.Write(ref _current, null);
        });
        Volatile.Write(ref _current, driver);
        return driver;
    }
}
