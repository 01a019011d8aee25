using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libbpf
{
    /// <summary>0 or -1 with errno set (the low-level bpf() wrappers keep the errno convention).</summary>
    [LibraryImport(Libraries.Libbpf, EntryPoint = "bpf_map_update_elem", SetLastError = true)]
    internal static partial int MapUpdateElem(int fd, void* key, void* value, ulong flags);
}
