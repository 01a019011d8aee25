using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

/// <summary>
/// struct bpf_object_open_opts as libbpf 1.1 defines it (80 bytes on x86_64); libbpf reads
/// only the fields <see cref="Size"/> covers, so newer versions take it as it is.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct BpfObjectOpenOptions
{
    public nuint Size;
    public byte* ObjectName;
    public byte RelaxedMaps;
    public byte* PinRootPath;
    uint _removedAttachProgFd;
    public byte* Kconfig;
    /// <summary>The BTF CO-RE relocations resolve against; libbpf copies the path.</summary>
    public byte* BtfCustomPath;
    public byte* KernelLogBuffer;
    public nuint KernelLogSize;
    public uint KernelLogLevel;
}
