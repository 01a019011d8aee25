using Capture.Actors.Drivers;
using Capture.Actors.Drivers.Kmod;
using Capture.Actors.Drivers.Modern;
using Capture.Actors.Drivers.Replay;
using Capture.Actors.Drivers.Simulated;
using Capture.Hosting.Configuration;
using Capture.Native.Files;
using Capture.Native.Kmod;
using Capture.Native.Probe;

namespace Capture.Hosting;

/// <summary>The driver a host's options ask for. A simulated kernel's clock follows the wall clock here.</summary>
public static class DriverLoaders
{
    /// <param name="simulatedFrom">For a simulated driver loaded on a reload: the old kernel's
    /// clock, so the new one goes on from there instead of starting over in the past.</param>
    public static IDriverLoader For(CaptureOptions options, out SimulatedKernel? simulated, ulong? simulatedFrom = null)
    {
        simulated = null;
        switch (options.Driver)
        {
            case DriverKind.Replay:
                var path = options.ReplayFile!;
                return new ReplayDriverLoader(path, () => new ScapFileFrameSource(ScapFileReader.Open(path)));
            case DriverKind.Simulated:
                var settings = new SimulationSettings();
                simulated = new SimulatedKernel(simulatedFrom is { } from ? settings with { StartTime = from } : settings);
                return new SimulatedDriverLoader(simulated);
            case DriverKind.Kmod:
                return new KmodDriverLoader(KmodSettingsFor(options, InterestFor(options)));
            default:
                return new ModernDriverLoader(ProbeSettingsFor(options, InterestFor(options)));
        }
    }

    /// <summary>
    /// The loader of a live capture (the command line): the kernel module's when asked for, else
    /// the eBPF probe's, which is also returned in <paramref name="modern"/> for its summary.
    /// </summary>
    public static IDriverLoader LiveLoaderFor(CaptureOptions options, IReadOnlyCollection<int>? interest, out ModernDriverLoader? modern)
    {
        modern = null;
        if (options.Driver == DriverKind.Kmod) return new KmodDriverLoader(KmodSettingsFor(options, interest));
        return modern = new ModernDriverLoader(ProbeSettingsFor(options, interest));
    }

    /// <summary>
    /// The native syscall numbers <see cref="CaptureOptions.Syscalls"/> selects, null (every
    /// syscall) when it is empty. A service traces exactly those: unlike the command line's
    /// --syscalls it does not add the state-keeping calls, as it delivers every event it traces.
    /// </summary>
    public static IReadOnlyCollection<int>? InterestFor(CaptureOptions options) =>
        options.Syscalls.Count == 0 ? null : NativeSyscalls.NumbersOf([.. options.Syscalls]);

    /// <summary>What of <paramref name="options"/> a running driver can take live; the same interest a load would.</summary>
    public static LiveSettings LiveSettingsFor(CaptureOptions options) => new(InterestFor(options));

    /// <summary>The probe's load settings from the capture options; <paramref name="interest"/> null traces every syscall.</summary>
    public static ProbeSettings ProbeSettingsFor(CaptureOptions options, IReadOnlyCollection<int>? interest) => new()
    {
        BufferBytes = (uint)options.BufferBytes,
        CpusForEachBuffer = options.CpusForEachBuffer,
        SnapLen = options.SnapLength,
        EnterEvents = options.EnterEvents,
        Interest = interest,
    };

    /// <summary>The module's capture settings from the capture options; ring sizes are the module's load parameter (ring_bytes), not ours.</summary>
    public static KmodSettings KmodSettingsFor(CaptureOptions options, IReadOnlyCollection<int>? interest) => new()
    {
        SnapLen = options.SnapLength,
        Interest = interest,
    };
}
