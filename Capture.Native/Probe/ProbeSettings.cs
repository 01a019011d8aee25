using Capture.Native.Abi;

namespace Capture.Native.Probe;

/// <summary>
/// How the probe is loaded. Everything here is fixed at load; changing it is a reload.
/// (The interest set is the exception: <see cref="ModernProbe.SetInterest"/> changes it live.)
/// </summary>
public sealed record ProbeSettings
{
    /// <summary>Bytes per ring; a power of two and a multiple of the page size. Default 8 MiB.</summary>
    public uint BufferBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>1: one ring per CPU (default); N: one ring per N CPUs; 0: one ring shared by all.</summary>
    public int CpusForEachBuffer { get; init; } = 1;

    /// <summary>Bytes of I/O data kept per buffer parameter. Default 80, as libs.</summary>
    public int SnapLen { get; init; } = 80;

    /// <summary>The process whose syscalls are never traced: the capture itself by default.</summary>
    public int ExcludedProcessId { get; init; } = Environment.ProcessId;

    /// <summary>Failed syscalls make no event at all.</summary>
    public bool DropFailedSyscalls { get; init; }

    /// <summary>
    /// Also send the enter events of connect, creat, open, openat and openat2, read at entry
    /// (TOCTOU mitigation, as libs does). Off by default: each costs about 0.4–0.6 µs per call
    /// on this machine kind (bench/run: open+close +929 → +1487 ns per iteration).
    /// </summary>
    public bool EnterEvents { get; init; }

    /// <summary>
    /// Native syscall numbers traced from the start; null means all of them. The one setting
    /// here that is map contents: <see cref="ModernProbe.SetInterest"/> changes it while attached.
    /// </summary>
    public IReadOnlyCollection<int>? Interest { get; init; }

    /// <summary>Throws naming the first setting that is wrong and why.</summary>
    public void Validate()
    {
        var page = (uint)Environment.SystemPageSize;
        if (BufferBytes == 0 || (BufferBytes & (BufferBytes - 1)) != 0)
            throw new InvalidProbeSettingsException($"BufferBytes {BufferBytes} must be a power of two (e.g. {8 * 1024 * 1024} for 8 MiB)", nameof(BufferBytes));
        if (BufferBytes % page != 0)
            throw new InvalidProbeSettingsException($"BufferBytes {BufferBytes} must be a multiple of the page size {page}", nameof(BufferBytes));
        if (CpusForEachBuffer < 0)
            throw new InvalidProbeSettingsException($"CpusForEachBuffer {CpusForEachBuffer} must be 0 (one shared ring) or a positive CPU count", nameof(CpusForEachBuffer));
        if (SnapLen < 0 || SnapLen > ProbeAbiNames.MaxSnapLen)
            throw new InvalidProbeSettingsException($"SnapLen {SnapLen} must be between 0 and {ProbeAbiNames.MaxSnapLen}", nameof(SnapLen));
        if (Interest is not null)
            foreach (var nr in Interest)
                if ((uint)nr >= ProbeAbiNames.SyscallTableSize)
                    throw new InvalidProbeSettingsException($"syscall number {nr} in Interest is outside 0..{ProbeAbiNames.SyscallTableSize - 1}", nameof(Interest));
    }

    public int RingCount(int possibleCpus) =>
        CpusForEachBuffer == 0 ? 1 : (possibleCpus + CpusForEachBuffer - 1) / CpusForEachBuffer;
}
