using System.Runtime.InteropServices;

namespace Capture.Native.Kmod;

/// <summary>struct capture_kmod_ring_info: what RING_INFO says about a device's ring.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct KmodRingInfo
{
    public const int Size = 16;

    /// <summary>The CPU this device's ring serves.</summary>
    public uint Cpu;

    /// <summary>mmap offsets are in pages of this size.</summary>
    public uint PageSize;

    /// <summary>As <see cref="KmodProducerPage.DataSize"/>.</summary>
    public ulong DataSize;
}
