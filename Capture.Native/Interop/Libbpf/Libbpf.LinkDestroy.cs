using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libbpf
{
    [LibraryImport(Libraries.Libbpf, EntryPoint = "bpf_link__destroy")]
    internal static partial int LinkDestroy(nint link);
}
