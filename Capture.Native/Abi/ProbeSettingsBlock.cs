using System.Runtime.InteropServices;

namespace Capture.Native.Abi;

/// <summary>
/// The probe's read-only settings, mirroring <c>struct capture_settings</c> in
/// driver/abi/capture_abi.h. It sits at offset 0 of the probe's
/// <see cref="ProbeAbiNames.SettingsSection"/> map; the loader reads the versions from it
/// and writes the rest before load, after which the kernel freezes it.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct ProbeSettingsBlock
{
    public const int Size = 48;

    public ulong ApiVersion;
    public ulong SchemaVersion;
    public ulong BootTimeNs;
    public uint OwnTgid;
    public uint SnapLen;
    public uint CpusForEachBuffer;
    public uint RingCount;
    public byte DropFailed;
}
