using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libbpf
{
    /// <summary>Replaces libbpf's message printer (stderr by default); returns the previous one.</summary>
    [LibraryImport(Libraries.Libbpf, EntryPoint = "libbpf_set_print")]
    internal static partial nint SetPrint(delegate* unmanaged<int, byte*, nint, int> print);
}
