using System.Runtime.InteropServices;

namespace Capture.Native.Machine;

/// <summary>
/// Asks the kernel directly whether it will create a BPF ring buffer map: the one feature
/// the modern probe cannot do without. Uses bpf(2) through libc's syscall(), so it works
/// before libbpf is loaded and without it installed.
/// </summary>
public static partial class BpfSupport
{
    const long SysBpf = 321; // x86_64
    const int BpfMapCreate = 0;
    const int BpfMapTypeRingbuf = 27;

    [StructLayout(LayoutKind.Sequential)]
    struct MapCreateAttr
    {
        public uint MapType;
        public uint KeySize;
        public uint ValueSize;
        public uint MaxEntries;
        // The kernel requires every byte after the fields it reads to be zero.
        public unsafe fixed byte Rest[112];
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long command, ref MapCreateAttr attr, long size);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    /// <summary>Null when a ring buffer map could be created, else the errno text.</summary>
    public static unsafe string? RingBufferProblem()
    {
        var attr = new MapCreateAttr { MapType = BpfMapTypeRingbuf, MaxEntries = (uint)Environment.SystemPageSize };
        var fd = Syscall(SysBpf, BpfMapCreate, ref attr, sizeof(MapCreateAttr));
        if (fd >= 0)
        {
            Close((int)fd);
            return null;
        }
        return Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
    }
}
