using Capture.Native.Batches;
using Capture.Native.Polling;
using Capture.Native.Probe;
using Capture.Native.Schema;

namespace Capture.Actors.Drivers.Modern;

/// <summary>
/// The live driver: a loaded probe plus the polling thread that drains its mapped rings into
/// batches. Start attaches the probe only after the poller runs, so the first events already
/// have somewhere to go; Dispose detaches first, then lets the poller publish what is left.
/// </summary>
public sealed class ModernDriver(ModernProbe probe, Action<ProbeCounterReport>? detached = null) : ICaptureDriver
{
    readonly Lock _stopping = new();
    RingPoller? _poller;
    ProbeCounterCache? _counters;

    public string Name => "modern_bpf";

    public SemanticVersion ApiVersion => probe.ApiVersion;

    public SemanticVersion SchemaVersion => probe.SchemaVersion;

    public ModernProbe Probe => probe;

    /// <summary>The polling thread once started: its counters say how it kept up with the rings.</summary>
    public RingPoller? Poller => _poller;

    /// <summary>Why the polling thread ended on its own, or null while it runs.</summary>
    internal PollerDiedException? PollerFault => _poller?.Fault;

    public IReadOnlyList<string> Warnings => probe.EnterEventsWarning is { } warning ? [warning] : [];

    /// <summary>
    /// The interest set is a map the attached probe reads at every syscall: the change is a
    /// map update while the rings and the polling thread go on, so nothing is detached and no
    /// gap is made. The syscalls a change keeps are traced throughout.
    /// </summary>
    public bool TryApplyLive(LiveSettings settings)
    {
        probe.SetInterest(settings.Interest ?? NativeSyscalls.All);
        return true;
    }

    public IReadOnlyList<IEventRing> Start(EventBatchPool pool)
    {
        if (_poller is not null) throw new InvalidOperationException("a driver instance is started at most once; reload loads a new one");
        var perRing = probe.Settings.CpusForEachBuffer;
        _poller = probe.CreatePoller(pool);
        _counters = new ProbeCounterCache(probe);
        var rings = _poller.Handoffs.Select(h => (IEventRing)new ModernRing(h, _poller.Statistics[h.Ring], _counters, CpusOf(h.Ring, perRing), this)).ToList();
        _poller.Start();
        probe.Attach();
        return rings;
    }

    /// <summary>Which CPUs write into ring <paramref name="ring"/>: its kernel drops are theirs.</summary>
    int[] CpusOf(int ring, int perRing) => perRing == 0
        ? Enumerable.Range(0, probe.PossibleCpus).ToArray()
        : Enumerable.Range(ring * perRing, perRing).Where(cpu => cpu < probe.PossibleCpus).ToArray();

    /// <summary>
    /// Stops new events and the polling thread (whose last pass publishes what fits), then
    /// gives up what is left of <paramref name="ring"/> and says how many events that was.
    /// Detaching first means nothing can arrive after the count.
    /// </summary>
    internal long AbandonRing(int ring)
    {
        StopProducing();
        lock (_stopping) return _poller!.Discard(ring);
    }

    // Every ring's reader abandons its ring on its own thread; the first one stops the probe
    // and the poller for all of them, the others wait until that is done.
    internal void StopProducing()
    {
        lock (_stopping)
        {
            probe.Detach();
            _poller?.Dispose();
        }
    }

    public void Dispose()
    {
        StopProducing();
        detached?.Invoke(probe.ReadCounters());
        probe.Dispose();
    }
}
