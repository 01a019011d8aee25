using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libbpf
{
    /// <summary>Creates a map outside any object; a new fd or a negative errno.</summary>
    [LibraryImport(Libraries.Libbpf, EntryPoint = "bpf_map_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MapCreate(BpfMapType type, string name, uint keySize, uint valueSize, uint maxEntries, void* options);
}
