using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libbpf
{
    [LibraryImport(Libraries.Libbpf, EntryPoint = "bpf_object__find_program_by_name", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint ObjectFindProgramByName(nint bpfObject, string name);
}
