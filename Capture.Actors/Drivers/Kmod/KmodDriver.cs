using Capture.Native.Batches;
using Capture.Native.Kmod;
using Capture.Native.Polling;
using Capture.Native.Probe;
using Capture.Native.Schema;

namespace Capture.Actors.Drivers.Kmod;

/// <summary>
/// The kernel module driver: an open, negotiated and prepared <see cref="KmodModule"/> plus the
/// polling thread that drains its mapped rings. Start runs the poller before START, so the
/// first events have somewhere to go; Dispose stops the module first, then the poller.
///
/// <see cref="ApiVersion"/> is what the supervisor compares with the probe API this build
/// speaks: the module writes the probe's own frames (the shared fillers of this source tree),
/// so it reports that event API; the module's own ioctl and ring contract
/// (<see cref="ModuleApiVersion"/>) is a separate version, negotiated by
/// <see cref="KmodDriverLoader"/> before this instance exists.
/// </summary>
public sealed class KmodDriver(KmodModule module, IReadOnlyList<string> warnings, Action<ProbeCounterReport>? detached = null) : ICaptureDriver
{
    readonly Lock _stopping = new();
    RingPoller? _poller;
    KmodCounterCache? _counters;
    bool _stopped;

    public string Name => "kmod";

    public SemanticVersion ApiVersion => EventTable.ApiVersion;

    public SemanticVersion SchemaVersion => module.SchemaVersion;

    /// <summary>The module's ioctl and ring contract (API_VERSION).</summary>
    public SemanticVersion ModuleApiVersion => module.ApiVersion;

    public KmodModule Module => module;

    internal PollerDiedException? PollerFault => _poller?.Fault;

    public IReadOnlyList<string> Warnings => warnings;

    /// <summary>The interest set is swapped by one ioctl while capturing: no reload, no gap.</summary>
    public bool TryApplyLive(LiveSettings settings)
    {
        module.SetInterest(settings.Interest ?? NativeSyscalls.All);
        return true;
    }

    public IReadOnlyList<IEventRing> Start(EventBatchPool pool)
    {
        if (_poller is not null) throw new InvalidOperationException("a driver instance is started at most once; reload loads a new one");
        _poller = module.CreatePoller(pool);
        _counters = new KmodCounterCache(module);
        var rings = _poller.Handoffs.Select(h => (IEventRing)new KmodRing(h, _poller.Statistics[h.Ring], _counters, module.Rings[h.Ring].Cpu, h.Ring, this)).ToList();
        _poller.Start();
        module.Start();
        return rings;
    }

    /// <summary>Stops the module and the poller, then gives up what is left of <paramref name="ring"/> and counts it.</summary>
    internal long AbandonRing(int ring)
    {
        StopProducing();
        lock (_stopping) return _poller!.Discard(ring);
    }

    internal void StopProducing()
    {
        lock (_stopping)
        {
            if (_stopped) return;
            _stopped = true;
            try
            {
                module.Stop();
            }
            catch (KmodIoctlFailedException)
            {
                // The module's state is gone: nothing is produced any more either way.
            }
            _poller?.Dispose();
        }
    }

    public void Dispose()
    {
        StopProducing();
        if (detached is not null)
        {
            try
            {
                detached(module.ReadCounters());
            }
            catch (KmodIoctlFailedException)
            {
                // Gone with the module (detached or unloaded): its last counts read while it
                // answered are the session's final ones, so its drops still reach the books.
                if (_counters is not null) detached(new ProbeCounterReport([.. _counters.PerCpu]));
            }
        }
        module.Dispose();
    }
}
