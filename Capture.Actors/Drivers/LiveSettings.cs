using Capture.Native.Abi;
using Capture.Native.Probe;

namespace Capture.Actors.Drivers;

/// <summary>
/// The settings a running driver may change without a reload (decision 8): those the kernel
/// side keeps in maps, so that a change is a map update with the probe attached. Today that
/// is the interest set; the probe's other settings (snaplen, ring layout, own-process
/// exclusion, failed-call filter, enter events) are read-only globals or attached programs
/// fixed at load, and changing them is a reload.
/// </summary>
public sealed record LiveSettings
{
    /// <summary>Refuses a syscall number the probe's interest map has no entry for, naming it.</summary>
    public LiveSettings(IReadOnlyCollection<int>? interest)
    {
        foreach (var nr in interest ?? [])
            if ((uint)nr >= ProbeAbiNames.SyscallTableSize)
                throw new ArgumentException($"syscall number {nr} is outside 0..{ProbeAbiNames.SyscallTableSize - 1}", nameof(interest));
        Interest = interest;
    }

    /// <summary>Native syscall numbers to trace; null traces all of them.</summary>
    public IReadOnlyCollection<int>? Interest { get; }

    /// <summary>For the one log line a change makes: "interest: 3 syscalls (close, getppid, read)".</summary>
    public override string ToString()
    {
        if (Interest is null) return "interest: every syscall";
        var names = Interest.Distinct().Select(NativeSyscalls.NameOf).Order(StringComparer.Ordinal).ToArray();
        var shown = names.Length <= 8 ? string.Join(", ", names) : string.Join(", ", names.Take(8)) + ", …";
        return $"interest: {names.Length} syscalls ({shown})";
    }
}
