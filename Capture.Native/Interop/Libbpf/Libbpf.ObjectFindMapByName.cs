using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libbpf
{
    /// <summary>A map by name; names starting with a dot match the ELF section (".rodata.capture").</summary>
    [LibraryImport(Libraries.Libbpf, EntryPoint = "bpf_object__find_map_by_name", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint ObjectFindMapByName(nint bpfObject, string name);
}
