using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libbpf
{
    /// <summary>Attaches a program as its section says (tp_btf/...); a bpf_link or NULL + errno.</summary>
    [LibraryImport(Libraries.Libbpf, EntryPoint = "bpf_program__attach", SetLastError = true)]
    internal static partial nint ProgramAttach(nint program);
}
