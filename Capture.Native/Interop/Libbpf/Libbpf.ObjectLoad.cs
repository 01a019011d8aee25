using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libbpf
{
    /// <summary>Creates the maps and loads every program into the kernel; 0 or a negative errno.</summary>
    [LibraryImport(Libraries.Libbpf, EntryPoint = "bpf_object__load")]
    internal static partial int ObjectLoad(nint bpfObject);
}
