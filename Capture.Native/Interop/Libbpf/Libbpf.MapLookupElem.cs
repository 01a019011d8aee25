using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libbpf
{
    [LibraryImport(Libraries.Libbpf, EntryPoint = "bpf_map_lookup_elem", SetLastError = true)]
    internal static partial int MapLookupElem(int fd, void* key, void* value);
}
