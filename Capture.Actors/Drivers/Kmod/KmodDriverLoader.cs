using Capture.Native.Abi;
using Capture.Native.Kmod;
using Capture.Native.Probe;
using Capture.Native.Schema;

namespace Capture.Actors.Drivers.Kmod;

/// <summary>
/// Opens the loaded kernel module and negotiates with it; the supervisor calls it on start,
/// after a fault and on a reload. Negotiation happens before anything is mapped or started:
/// the module's API (its ioctl and ring contract) must have this build's major and at least
/// its minor.patch (<see cref="KmodAbi.ApiVersion"/>), its schema version this build's
/// schema major and at least its minor.patch (a newer minor is accepted); otherwise an
/// <see cref="IncompatibleDriverException"/> names both sides' versions and the supervisor
/// fails at once. A module that is not there fails with <see cref="KmodUnavailableException"/>
/// (permanent too: a restart cannot load a module).
///
/// Every session counts from zero (START resets the counters), so the loader keeps the books
/// across them as the eBPF loader does.
/// </summary>
public sealed class KmodDriverLoader(KmodSettings settings) : IDriverLoader, IKernelCounterSource
{
    readonly CounterBooks _books = new();
    KmodSettings _settings = settings;

    public string Name => "kmod";

    /// <summary>The contract this build needs of the module; a spec may ask for another.</summary>
    public SemanticVersion RequiredModuleApi { get; init; } = KmodAbi.ApiVersion;

    public SemanticVersion RequiredSchema { get; init; } = EventTable.SchemaVersion;

    public KmodSettings Settings => Volatile.Read(ref _settings);

    public void UseLiveSettings(LiveSettings live) => Volatile.Write(ref _settings, Settings with { Interest = live.Interest });

    /// <summary>The module's counters of every session ended so far, per CPU; null before the first.</summary>
    public ProbeCounterReport? DetachedCounters => _books.Detached;

    /// <summary>The ended sessions' counters plus the running one's now; never goes back across a reload.</summary>
    public ProbeCounterReport? TotalCounters() => _books.Total();

    public ICaptureDriver Load()
    {
        var settings = Settings;
        var module = KmodModule.Open();
        try
        {
            if (!module.ApiVersion.Satisfies(RequiredModuleApi) || !module.SchemaVersion.Satisfies(RequiredSchema))
                throw new IncompatibleDriverException($"kmod ({KmodAbi.DevicePath(0)})", module.ApiVersion, module.SchemaVersion, RequiredModuleApi, RequiredSchema);
            var untraceable = module.Prepare(settings);
            var warnings = untraceable.Count == 0 ? Array.Empty<string>() :
                [$"the kernel module cannot trace {untraceable.Count} syscalls of the interest set, which make no events: {string.Join(", ", untraceable.Select(NativeSyscalls.NameOf))}"];
            KmodDriver? driver = null;
            driver = new KmodDriver(module, warnings, counters => _books.Detach(driver!, counters));
            _books.Attach(driver, () => LiveCounters(module));
            return driver;
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    static ProbeCounterReport? LiveCounters(KmodModule module)
    {
        try
        {
            return module.ReadCounters();
        }
        catch (Exception e) when (e is KmodIoctlFailedException or ObjectDisposedException)
        {
            return null; // the session is ending; its final counts arrive through Detach
        }
    }
}
