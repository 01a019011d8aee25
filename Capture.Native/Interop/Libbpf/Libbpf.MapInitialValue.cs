using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libbpf
{
    /// <summary>The initial contents of a global-data map (.rodata...), writable until load.</summary>
    [LibraryImport(Libraries.Libbpf, EntryPoint = "bpf_map__initial_value")]
    internal static partial void* MapInitialValue(nint map, out nuint size);
}
