using Capture.Native.Rings;
using Capture.Native.Abi;
using Capture.Native.Batches;
using Capture.Native.Polling;
using Capture.Native.Probe;
using Capture.Native.Schema;

namespace Capture.Native.Kmod;

/// <summary>
/// The loaded kernel module as one capture sees it: every CPU's device open (so no other
/// reader can take a ring), its versions read, then, once the caller accepted them, the rings
/// mapped and the settings written, then START. Like <see cref="ModernProbe"/>: the module
/// writes, we map and read, so draining costs no system calls; only counters and settings
/// are ioctls.
///
/// Lifecycle: <see cref="Open"/> (versions only) → <see cref="Prepare"/> (map, snaplen,
/// failed-call filter, interest) → <see cref="CreatePoller"/> → <see cref="Start"/> →
/// <see cref="Dispose"/> (stops the pollers, STOP, unmaps, closes; the last close also stops
/// capture in the module, should STOP fail).
/// </summary>
public sealed class KmodModule : IDisposable
{
    readonly KmodDevice[] _devices;
    readonly List<MappedKmodRing> _rings = [];
    readonly List<RingPoller> _pollers = [];
    readonly Lock _settingsGate = new();
    bool _started;

    KmodModule(KmodDevice[] devices, SemanticVersion api, SemanticVersion schema, KmodSyscallSet supported)
    {
        _devices = devices;
        ApiVersion = api;
        SchemaVersion = schema;
        Supported = supported;
    }

    /// <summary>The module's ioctl and ring contract, as its API_VERSION ioctl says.</summary>
    public SemanticVersion ApiVersion { get; }

    /// <summary>The event schema the module was built with, as its SCHEMA_VERSION ioctl says.</summary>
    public SemanticVersion SchemaVersion { get; }

    /// <summary>The syscalls this module build can trace (GET_SUPPORTED).</summary>
    public KmodSyscallSet Supported { get; }

    public int PossibleCpus => _devices.Length;

    public ProbeClock Clock { get; private set; } = ProbeClock.Measure();

    public IReadOnlyList<MappedKmodRing> Rings => _rings;

    /// <summary>
    /// Opens every possible CPU's device and reads the versions and the supported set; maps
    /// nothing yet, so a module of another contract is only asked the two version ioctls, which
    /// every version answers. Throws <see cref="KmodUnavailableException"/> saying why when the
    /// module cannot be used here.
    /// </summary>
    public static KmodModule Open() => Open(PossibleCpuList.Read());

    internal static KmodModule Open(IReadOnlyList<int> cpus)
    {
        if (KmodPresence.Check() is { Loaded: false } absent) throw new KmodUnavailableException(absent.Detail);
        var devices = new List<KmodDevice>(cpus.Count);
        try
        {
            foreach (var cpu in cpus) devices.Add(KmodDevice.Open(cpu));
            var first = devices[0];
            var api = SemanticVersion.FromPacked(KmodIoctls.ApiVersion(first.Handle, first.Path));
            var schema = SemanticVersion.FromPacked(KmodIoctls.SchemaVersion(first.Handle, first.Path));
            // Asked only of a module that speaks our major: another one may number it differently.
            var supported = api.Major == KmodAbi.ApiVersion.Major ? KmodIoctls.GetSupported(first.Handle, first.Path) : default;
            return new KmodModule([.. devices], api, schema, supported);
        }
        catch
        {
            foreach (var device in devices) device.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Maps every CPU's ring and writes the capture's settings; only after the caller accepted
    /// the versions. Returns the syscalls of the interest set this module cannot trace (the
    /// module never traces them; the caller tells the operator).
    /// </summary>
    public IReadOnlyList<int> Prepare(KmodSettings settings)
    {
        settings.Validate();
        if (_rings.Count > 0) throw new InvalidOperationException("the rings are mapped already; a module session is prepared once");
        foreach (var device in _devices)
        {
            var info = KmodIoctls.RingInfo(device.Handle, device.Path);
            if (info.Cpu != device.Cpu)
                throw new InvalidDataException($"{device.Path} serves CPU {info.Cpu} by RING_INFO, expected {device.Cpu}");
            _rings.Add(new MappedKmodRing(device.Cpu, device.Handle.Fd, device.Path, info.PageSize, info.DataSize));
        }
        var first = _devices[0];
        KmodIoctls.SetSnapLen(first.Handle, first.Path, (uint)settings.SnapLen);
        KmodIoctls.SetDropFailed(first.Handle, first.Path, settings.DropFailedSyscalls);
        return SetInterest(settings.Interest ?? NativeSyscalls.All);
    }

    /// <summary>
    /// Traces exactly these syscalls (of those the module supports) from now on, also while
    /// capturing: the module swaps its interest set in one ioctl. Returns the ones asked for
    /// that this module cannot trace.
    /// </summary>
    public IReadOnlyList<int> SetInterest(IEnumerable<int> syscallNumbers)
    {
        var wanted = KmodSyscallSet.Of(syscallNumbers);
        var first = _devices[0];
        lock (_settingsGate) KmodIoctls.SetInterest(first.Handle, first.Path, wanted);
        return wanted.Numbers().Where(nr => !Supported.Contains(nr)).ToArray();
    }

    /// <summary>
    /// A polling thread (not started) over the mapped rings, stamping each ring's events with
    /// its CPU. Disposing the module stops it before unmapping what it reads.
    /// </summary>
    public RingPoller CreatePoller(EventBatchPool pool, PollerOptions? options = null)
    {
        if (_rings.Count == 0) throw new InvalidOperationException("Prepare maps the rings before a poller can read them");
        var poller = new RingPoller(_rings.Select(r => (IRingConsumer)r.Consumer).ToArray(), pool, options ?? new PollerOptions(),
            () => Clock.Now(), ring => (ushort)_rings[ring].Cpu);
        _pollers.Add(poller);
        return poller;
    }

    /// <summary>
    /// START: resets every ring and counter and begins tracing, excluding this process. Our
    /// clock's offset is measured again just before, as the module measures its own at START.
    /// </summary>
    public void Start()
    {
        var first = _devices[0];
        Clock = ProbeClock.Measure();
        KmodIoctls.Start(first.Handle, first.Path);
        _started = true;
    }

    /// <summary>STOP: returns once no CPU is writing; the records stay readable.</summary>
    public void Stop()
    {
        if (!_started) return;
        var first = _devices[0];
        KmodIoctls.Stop(first.Handle, first.Path);
        _started = false;
    }

    /// <summary>
    /// Every CPU's counters now, one GET_COUNTERS each. Throws
    /// <see cref="KmodIoctlFailedException"/> (ENODEV) when the module's state is gone, and
    /// <see cref="ObjectDisposedException"/> once this session is disposed.
    /// </summary>
    public ProbeCounterReport ReadCounters()
    {
        var perCpu = new ProbeCounters[_devices.Length];
        for (var i = 0; i < _devices.Length; i++) perCpu[i] = KmodIoctls.GetCounters(_devices[i].Handle, _devices[i].Path);
        return new ProbeCounterReport(perCpu);
    }

    public void Dispose()
    {
        foreach (var poller in _pollers) poller.Dispose();
        _pollers.Clear();
        try
        {
            Stop();
        }
        catch (Exception e) when (e is KmodIoctlFailedException or ObjectDisposedException)
        {
            // Closing the last device stops capture in the module too.
        }
        foreach (var ring in _rings) ring.Dispose();
        _rings.Clear();
        foreach (var device in _devices) device.Dispose();
    }
}
