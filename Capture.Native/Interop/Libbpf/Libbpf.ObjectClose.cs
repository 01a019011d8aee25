using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libbpf
{
    [LibraryImport(Libraries.Libbpf, EntryPoint = "bpf_object__close")]
    internal static partial void ObjectClose(nint bpfObject);
}
