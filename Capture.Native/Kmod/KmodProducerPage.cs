using System.Runtime.InteropServices;

namespace Capture.Native.Kmod;

/// <summary>
/// struct capture_kmod_producer, page 1 of a ring's mapping (read-only for us). Page 0 is
/// struct capture_kmod_consumer, a single u64 position we write.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct KmodProducerPage
{
    public const int Size = 16;

    /// <summary>Bytes written since capture start; the module release-stores it after each record.</summary>
    public ulong Position;

    /// <summary>Bytes in the data area, a power of two; fixed while the module is loaded.</summary>
    public ulong DataSize;
}
