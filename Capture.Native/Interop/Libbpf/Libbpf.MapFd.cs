using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libbpf
{
    /// <summary>The map fd after load, owned by the bpf_object (never closed by us).</summary>
    [LibraryImport(Libraries.Libbpf, EntryPoint = "bpf_map__fd")]
    internal static partial int MapFd(nint map);
}
