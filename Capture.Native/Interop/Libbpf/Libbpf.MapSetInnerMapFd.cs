using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libbpf
{
    /// <summary>The template the kernel checks inner maps of a map-in-map against.</summary>
    [LibraryImport(Libraries.Libbpf, EntryPoint = "bpf_map__set_inner_map_fd")]
    internal static partial int MapSetInnerMapFd(nint map, int innerMapFd);
}
