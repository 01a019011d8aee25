using System.Runtime.InteropServices;

namespace Capture.Host.Startup;

/// <summary>libc's execv: replaces the process image, keeping pid, open descriptors and environment.</summary>
internal static unsafe partial class Execv
{
    /// <summary>Returns only on failure, with <paramref name="errno"/> saying why.</summary>
    public static void Run(string path, IReadOnlyList<string> argv, out int errno)
    {
        // C strings and the NULL-terminated array of them; freed only if execv comes back.
        var pointers = new nint[argv.Count + 1];
        var pathPointer = Marshal.StringToCoTaskMemUTF8(path);
        try
        {
            for (var i = 0; i < argv.Count; i++) pointers[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
            fixed (nint* array = pointers) Call(pathPointer, array);
            errno = Marshal.GetLastPInvokeError();
        }
        finally
        {
            foreach (var pointer in pointers) Marshal.FreeCoTaskMem(pointer);
            Marshal.FreeCoTaskMem(pathPointer);
        }
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true)]
    private static partial int Call(nint path, nint* argv);
}
