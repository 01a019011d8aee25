using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libbpf
{
    [LibraryImport(Libraries.Libbpf, EntryPoint = "libbpf_num_possible_cpus")]
    internal static partial int NumPossibleCpus();
}
