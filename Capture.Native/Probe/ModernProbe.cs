using System.Runtime.InteropServices;
using Capture.Native.Abi;
using Capture.Native.Interop;
using Capture.Native.Rings;
using Capture.Native.SafeHandles;
using Capture.Native.Schema;

namespace Capture.Native.Probe;

/// <summary>
/// The modern eBPF probe from load to dispose: load it with settings (after checking its
/// versions), attach it, change the interest set while it runs, read its counters, and
/// hand out its mapped rings. libbpf loads and attaches; the rings are mapped and read by
/// us (<see cref="MappedBpfRing"/>), so draining them costs no system calls.
/// </summary>
public sealed unsafe class ModernProbe : IDisposable
{
    const string EmbeddedObject = "capture_probe.bpf.o";
    const string KernelBtf = "/sys/kernel/btf/vmlinux";

    readonly SafeBpfObjectHandle _object;
    readonly List<SafeBpfMapHandle> _ringFds = [];
    readonly List<MappedBpfRing> _rings = [];
    readonly List<SafeBpfLinkHandle> _links = [];
    readonly List<Polling.RingPoller> _pollers = [];
    int _interestFd = -1; // owned by the bpf_object; valid once loaded
    int _countersFd = -1;
    // What the interest map holds, so a live change writes only the entries that differ.
    readonly bool[] _interest = new bool[ProbeAbiNames.SyscallTableSize];
    bool _interestLoaded; // false until the first SetInterest has written every entry
    readonly Lock _interestGate = new();

    ModernProbe(SafeBpfObjectHandle obj, ProbeSettings settings, SemanticVersion api, SemanticVersion schema, ProbeClock clock, int possibleCpus)
    {
        _object = obj;
        Settings = settings;
        ApiVersion = api;
        SchemaVersion = schema;
        Clock = clock;
        PossibleCpus = possibleCpus;
    }

    public ProbeSettings Settings { get; }
    public SemanticVersion ApiVersion { get; }
    public SemanticVersion SchemaVersion { get; }
    public ProbeClock Clock { get; }
    public int PossibleCpus { get; }
    public bool IsAttached => _links.Count > 0;
    public IReadOnlyList<MappedBpfRing> Rings => _rings;

    /// <summary>Loads the probe built into this assembly, requiring this build's schema versions.</summary>
    public static ModernProbe Load(ProbeSettings settings) =>
        Load(settings, EventTable.ApiVersion, EventTable.SchemaVersion);

    /// <summary>
    /// Opens the probe, refuses it unless its API and schema versions satisfy the required
    /// ones (<see cref="ProbeVersionMismatchException"/>), writes the settings, loads it
    /// and maps its rings. Not attached yet: nothing is traced until <see cref="Attach"/>.
    /// </summary>
    public static ModernProbe Load(ProbeSettings settings, SemanticVersion requiredApi, SemanticVersion requiredSchema)
    {
        settings.Validate();
        if (!File.Exists(KernelBtf))
            throw new ProbeUnavailableException($"the kernel exposes no BTF ({KernelBtf} is missing; CONFIG_DEBUG_INFO_BTF is needed)");
        if (MissingCapabilities() is { } missing)
            throw new ProbeUnavailableException($"{missing} (run as root, or grant CAP_BPF and CAP_PERFMON)");
        RaiseMemlockLimit();
        try
        {
            LibbpfMessages.Install();
        }
        catch (DllNotFoundException e)
        {
            throw new ProbeUnavailableException($"{Libraries.Libbpf} cannot be loaded (install libbpf1)", e);
        }
        LibbpfMessages.Listen();
        try
        {
            return Load(settings, requiredApi, requiredSchema, SafeBpfObjectHandle.Open(ReadEmbeddedObject(), KernelBtf));
        }
        finally
        {
            LibbpfMessages.StopListening();
        }
    }

    /// <summary>
    /// Which of the two capabilities the probe needs this process lacks, named, or null when it
    /// has both (CAP_SYS_ADMIN stands in for either, as the kernel allows). Nothing else is
    /// needed: BPF memory is charged to the cgroup (5.11+, so not CAP_SYS_RESOURCE), and the
    /// probe is relocated against vmlinux's BTF only, so libbpf never walks the module BTFs,
    /// which would take CAP_SYS_ADMIN.
    /// </summary>
    static string? MissingCapabilities()
    {
        var caps = Machine.CapabilitySet.OfThisProcess();
        var admin = caps.Has(Machine.Capability.SysAdmin);
        var missing = new List<string>();
        if (!admin && !caps.Has(Machine.Capability.Bpf)) missing.Add("CAP_BPF");
        if (!admin && !caps.Has(Machine.Capability.Perfmon)) missing.Add("CAP_PERFMON");
        return missing.Count == 0 ? null : $"missing capability {string.Join(" and ", missing)}";
    }

    static ModernProbe Load(ProbeSettings settings, SemanticVersion requiredApi, SemanticVersion requiredSchema, SafeBpfObjectHandle obj)
    {

        ModernProbe? probe = null;
        try
        {
            var block = SettingsBlock(obj);
            var api = SemanticVersion.FromPacked(block->ApiVersion);
            var schema = SemanticVersion.FromPacked(block->SchemaVersion);
            if (!api.Satisfies(requiredApi)) throw new ProbeVersionMismatchException("API", api, requiredApi);
            if (!schema.Satisfies(requiredSchema)) throw new ProbeVersionMismatchException("schema", schema, requiredSchema);

            var cpus = Libbpf.NumPossibleCpus();
            if (cpus <= 0) throw new BpfCallFailedException("libbpf_num_possible_cpus", -cpus);
            var clock = ProbeClock.Measure();
            var ringCount = settings.RingCount(cpus);
            block->BootTimeNs = clock.BootTimeNs;
            block->OwnTgid = (uint)settings.ExcludedProcessId;
            block->SnapLen = (uint)settings.SnapLen;
            block->CpusForEachBuffer = (uint)settings.CpusForEachBuffer;
            block->RingCount = (uint)ringCount;
            block->DropFailed = settings.DropFailedSyscalls ? (byte)1 : (byte)0;

            probe = new ModernProbe(obj, settings, api, schema, clock, cpus);
            probe.LoadWithRings(ringCount);
            probe.SetInterest(settings.Interest ?? NativeSyscalls.All);
            return probe;
        }
        catch
        {
            if (probe is not null) probe.Dispose();
            else obj.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Where tracefs is looked for (libbpf finds classic tracepoints' ids there; it reads the
    /// debugfs path when that exists, else the tracefs one). Internal so specs can make it
    /// look unmounted.
    /// </summary>
    internal IReadOnlyList<string> TracefsRoots { get; set; } = ["/sys/kernel/tracing", "/sys/kernel/debug/tracing"];

    /// <summary>
    /// The TOCTOU enter events the last <see cref="Attach"/> could not set up, with why; empty
    /// when all of them are sent. The capture runs without them (exit events only for those
    /// syscalls).
    /// </summary>
    public IReadOnlyList<MissingEnterEvent> MissingEnterEvents { get; private set; } = [];

    /// <summary>One line for the operator when <see cref="MissingEnterEvents"/> is not empty; null otherwise.</summary>
    public string? EnterEventsWarning => MissingEnterEvents.Count == 0 ? null :
        "no enter events (TOCTOU mitigation) for " + string.Join("; ", MissingEnterEvents.GroupBy(m => m.Reason)
            .Select(g => $"{string.Join(", ", g.Select(m => m.Syscall))}: {g.Key}")) + "; their exit events are still captured";

    /// <summary>
    /// Starts tracing: the sys_exit dispatcher and the process exit and exec tracepoints
    /// (required), then, when the settings ask for them, the TOCTOU enter tracepoints (each
    /// optional, see <see cref="MissingEnterEvents"/>).
    /// </summary>
    public void Attach()
    {
        ObjectDisposedException.ThrowIf(_object.IsClosed, this);
        if (IsAttached) return;
        foreach (var name in ProbeAbiNames.AttachedPrograms)
            _links.Add(MapPermissionErrors(() => SafeBpfLinkHandle.Attach(FindProgram(name), name)));
        var missing = new List<MissingEnterEvent>();
        if (Settings.EnterEvents)
        {
            var tracefsProblem = TracefsProblem();
            foreach (var syscall in ProbeAbiNames.EnterEventSyscalls)
            {
                var reason = tracefsProblem ?? TryAttachEnterProgram(syscall);
                if (reason is not null) missing.Add(new MissingEnterEvent(syscall, reason));
            }
        }
        MissingEnterEvents = missing;
    }

    /// <summary>Why no classic tracepoint can be found, or null when tracefs is there.</summary>
    string? TracefsProblem() =>
        // An unmounted tracefs leaves its empty mountpoint behind: look for what it holds.
        TracefsRoots.Any(root => Directory.Exists(Path.Combine(root, "events"))) ? null
        : $"tracefs is not mounted (looked at {string.Join(" and ", TracefsRoots)}; mount -t tracefs nodev /sys/kernel/tracing)";

    /// <summary>Null when attached, else why not.</summary>
    string? TryAttachEnterProgram(string syscall)
    {
        var tracepoint = $"events/syscalls/sys_enter_{syscall}";
        if (!TracefsRoots.Any(root => Directory.Exists(Path.Combine(root, tracepoint))))
            return "the kernel has no such syscalls/sys_enter_* tracepoint (CONFIG_FTRACE_SYSCALLS)";
        var name = ProbeAbiNames.EnterProgram(syscall);
        try
        {
            _links.Add(SafeBpfLinkHandle.Attach(FindProgram(name), name));
            return null;
        }
        catch (BpfCallFailedException e)
        {
            return e.Message;
        }
    }

    nint FindProgram(string name)
    {
        var program = Libbpf.ObjectFindProgramByName(_object.DangerousGetHandle(), name);
        return program != 0 ? program : throw new InvalidOperationException($"the probe object has no program '{name}'");
    }

    /// <summary>Stops tracing; the rings and what they hold stay readable.</summary>
    public void Detach()
    {
        foreach (var link in _links) link.Dispose();
        _links.Clear();
    }

    /// <summary>
    /// Traces exactly these native syscalls from now on, also while attached (decision 8: the
    /// interest set is map contents, so changing it is no reload). Only the entries that change
    /// are written, one map update each; every update switches one syscall at once for every
    /// CPU, so a syscall kept in the set is traced throughout and nothing else is touched.
    /// Safe from any thread, also while another disposes the probe (see <see cref="ReadCounters"/>);
    /// throws <see cref="ObjectDisposedException"/> once the probe is disposed, and
    /// <see cref="BpfCallFailedException"/> naming the entry when an update fails (the entries
    /// before it are then in place, <see cref="Interest"/> says which).
    /// </summary>
    public void SetInterest(IEnumerable<int> syscallNumbers)
    {
        var wanted = new bool[ProbeAbiNames.SyscallTableSize];
        foreach (var nr in syscallNumbers)
        {
            if ((uint)nr >= wanted.Length)
                throw new ArgumentException($"syscall number {nr} is outside 0..{wanted.Length - 1}", nameof(syscallNumbers));
            wanted[nr] = true;
        }
        lock (_interestGate)
            HoldingObject(() =>
            {
                for (var nr = 0u; nr < wanted.Length; nr++)
                {
                    if (_interestLoaded && _interest[nr] == wanted[nr]) continue;
                    var value = wanted[nr] ? (byte)1 : (byte)0;
                    if (Libbpf.MapUpdateElem(_interestFd, &nr, &value, 0) != 0)
                        throw new BpfCallFailedException($"bpf_map_update_elem({ProbeAbiNames.InterestMap}[{nr}])", Marshal.GetLastPInvokeError());
                    _interest[nr] = wanted[nr];
                }
                _interestLoaded = true;
            });
    }

    /// <summary>The native syscall numbers the interest map holds now, ascending.</summary>
    public IReadOnlyList<int> Interest
    {
        get
        {
            lock (_interestGate) return Enumerable.Range(0, _interest.Length).Where(nr => _interest[nr]).ToArray();
        }
    }

    /// <summary>
    /// A polling thread (not started) over this probe's rings, stamping slots with each
    /// ring's first CPU and using the probe's clock for watermarks. The probe stops it in
    /// <see cref="Dispose"/> before unmapping the rings it reads.
    /// </summary>
    public Polling.RingPoller CreatePoller(Batches.EventBatchPool pool, Polling.PollerOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_object.IsClosed, this);
        var poller = new Polling.RingPoller(_rings.Select(r => r.Consumer).ToArray(), pool, options ?? new Polling.PollerOptions(), Clock.Now,
            ring => (ushort)(ring * Math.Max(1, Settings.CpusForEachBuffer)));
        _pollers.Add(poller);
        return poller;
    }

    /// <summary>
    /// The probe's counters now. Safe from any thread, also while another disposes the probe
    /// (a metrics scrape): see <see cref="HoldingObject"/>. Throws
    /// <see cref="ObjectDisposedException"/> once the probe is disposed.
    /// </summary>
    public ProbeCounterReport ReadCounters()
    {
        var perCpu = new ProbeCounters[PossibleCpus];
        HoldingObject(() =>
        {
            var key = 0u;
            fixed (ProbeCounters* values = perCpu)
                if (Libbpf.MapLookupElem(_countersFd, &key, values) != 0)
                    throw new BpfCallFailedException($"bpf_map_lookup_elem({ProbeAbiNames.CountersMap})", Marshal.GetLastPInvokeError());
        });
        return new ProbeCounterReport(perCpu);
    }

    /// <summary>
    /// Runs <paramref name="mapAccess"/> holding a reference on the bpf_object's handle, which
    /// owns the interest and counters maps' fds: while it is held, a concurrent
    /// <see cref="Dispose"/> cannot close them (the release waits for the last reference), so
    /// the access never goes through a closed fd or one whose number was handed to something
    /// else. After dispose the reference is refused, and so is the access.
    /// </summary>
    void HoldingObject(Action mapAccess)
    {
        var held = false;
        try
        {
            try
            {
                _object.DangerousAddRef(ref held);
            }
            catch (ObjectDisposedException e)
            {
                throw new ObjectDisposedException($"the {nameof(ModernProbe)} is disposed: its maps are gone", e);
            }
            mapAccess();
        }
        finally
        {
            if (held) _object.DangerousRelease();
        }
    }

    public void Dispose()
    {
        Detach();
        // A poller still reading a ring we unmap would fault: stop them first.
        foreach (var poller in _pollers) poller.Dispose();
        _pollers.Clear();
        foreach (var ring in _rings) ring.Dispose();
        _rings.Clear();
        foreach (var fd in _ringFds) fd.Dispose();
        _ringFds.Clear();
        _object.Dispose();
    }

    /// <summary>
    /// The rings are created here, not by libbpf: the first one doubles as the inner-map
    /// template the kernel checks every ring of the outer map against.
    /// </summary>
    void LoadWithRings(int ringCount)
    {
        var obj = _object.DangerousGetHandle();
        Check(Libbpf.MapSetMaxEntries(FindMap(ProbeAbiNames.ScratchMap), (uint)PossibleCpus), "bpf_map__set_max_entries(scratch)");
        var outer = FindMap(ProbeAbiNames.RingsMap);
        Check(Libbpf.MapSetMaxEntries(outer, (uint)ringCount), "bpf_map__set_max_entries(rings)");
        for (var i = 0; i < ringCount; i++)
            _ringFds.Add(MapPermissionErrors(() => SafeBpfMapHandle.CreateRingBuffer($"capture_ring{i}", Settings.BufferBytes)));
        Check(Libbpf.MapSetInnerMapFd(outer, _ringFds[0].Fd), "bpf_map__set_inner_map_fd(rings)");

        var rc = Libbpf.ObjectLoad(obj);
        if (rc != 0)
        {
            // EPERM is a missing capability; EACCES and EINVAL here come from the verifier
            // rejecting a program, which is a probe bug and must not look like "unavailable".
            var heard = LibbpfMessages.StopListening();
            if (-rc == Errno.EPERM)
                throw new ProbeUnavailableException($"permission to load BPF programs denied ({heard.LastOrDefault() ?? "no reason given"}; run as root, or grant CAP_BPF and CAP_PERFMON)",
                    new BpfCallFailedException("bpf_object__load", -rc));
            throw new BpfCallFailedException("bpf_object__load (libbpf's last words:\n" + string.Join("\n", heard) + "\n)", -rc);
        }

        _interestFd = Libbpf.MapFd(FindMap(ProbeAbiNames.InterestMap));
        _countersFd = Libbpf.MapFd(FindMap(ProbeAbiNames.CountersMap));
        var outerFd = Libbpf.MapFd(outer);
        for (var i = 0u; i < ringCount; i++)
        {
            var fd = _ringFds[(int)i].Fd;
            if (Libbpf.MapUpdateElem(outerFd, &i, &fd, 0) != 0)
                throw new BpfCallFailedException($"bpf_map_update_elem({ProbeAbiNames.RingsMap}[{i}])", Marshal.GetLastPInvokeError());
            _rings.Add(new MappedBpfRing((int)i, fd, Settings.BufferBytes));
        }
    }

    nint FindMap(string name)
    {
        var map = Libbpf.ObjectFindMapByName(_object.DangerousGetHandle(), name);
        return map != 0 ? map : throw new InvalidOperationException($"the probe object has no map '{name}'");
    }

    static ProbeSettingsBlock* SettingsBlock(SafeBpfObjectHandle obj)
    {
        var map = Libbpf.ObjectFindMapByName(obj.DangerousGetHandle(), ProbeAbiNames.SettingsSection);
        if (map == 0) throw new InvalidOperationException($"the probe object has no '{ProbeAbiNames.SettingsSection}' section");
        var value = Libbpf.MapInitialValue(map, out var size);
        if (value is null || size < (nuint)sizeof(ProbeSettingsBlock))
            throw new InvalidOperationException($"the probe's '{ProbeAbiNames.SettingsSection}' section holds {size} bytes, less than the {sizeof(ProbeSettingsBlock)} of its settings");
        return (ProbeSettingsBlock*)value;
    }

    static byte[] ReadEmbeddedObject()
    {
        using var stream = typeof(ModernProbe).Assembly.GetManifestResourceStream(EmbeddedObject)
            ?? throw new ProbeUnavailableException($"this build of {typeof(ModernProbe).Assembly.GetName().Name} carries no probe ({EmbeddedObject} is built only where the build machine's kernel has BTF)");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>
    /// Best effort: kernels before 5.11 charge BPF memory to RLIMIT_MEMLOCK; newer ones (this
    /// one) charge the cgroup and may refuse to raise the limit in a container. Not fatal.
    /// </summary>
    static void RaiseMemlockLimit()
    {
        var unlimited = new Libc.Rlimit { Current = ulong.MaxValue, Maximum = ulong.MaxValue };
        _ = Libc.SetRlimit(Libc.RlimitMemlock, unlimited);
    }

    static T MapPermissionErrors<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (BpfCallFailedException e) when (e.Errno == Errno.EPERM)
        {
            throw new ProbeUnavailableException($"permission for {e.Call} (run as root, or grant CAP_BPF and CAP_PERFMON)", e);
        }
    }

    static void Check(int rc, string call)
    {
        if (rc != 0) throw new BpfCallFailedException(call, -rc);
    }
}
