using Capture.Native.Abi;

namespace Capture.Native.Kmod;

/// <summary>
/// What a capture through the kernel module is started with. Snaplen and the failed-call
/// filter are fixed for a capture (the module answers EBUSY while capturing); the interest
/// set may change while it runs (<see cref="KmodModule.SetInterest"/>).
/// </summary>
public sealed record KmodSettings
{
    /// <summary>Bytes of I/O data kept per buffer parameter. Default 80, as libs.</summary>
    public int SnapLen { get; init; } = 80;

    /// <summary>Failed syscalls make no event at all.</summary>
    public bool DropFailedSyscalls { get; init; }

    /// <summary>Native syscall numbers traced from the start; null means every one the module supports.</summary>
    public IReadOnlyCollection<int>? Interest { get; init; }

    /// <summary>Throws naming the first setting that is wrong and why.</summary>
    public void Validate()
    {
        if (SnapLen < 0 || SnapLen > ProbeAbiNames.MaxSnapLen)
            throw new ArgumentOutOfRangeException(nameof(SnapLen), SnapLen, $"SnapLen {SnapLen} must be between 0 and {ProbeAbiNames.MaxSnapLen} (half the largest event, as the module allows)");
        if (Interest is not null) _ = KmodSyscallSet.Of(Interest);
    }
}
