using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libbpf
{
    /// <summary>Opens an ELF object held in memory; the buffer must outlive the load. NULL + errno on failure.</summary>
    [LibraryImport(Libraries.Libbpf, EntryPoint = "bpf_object__open_mem", SetLastError = true)]
    internal static partial nint ObjectOpenMem(void* buffer, nuint size, void* options);
}
