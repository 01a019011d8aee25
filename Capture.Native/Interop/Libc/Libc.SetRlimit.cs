using System.Runtime.InteropServices;

namespace Capture.Native.Interop;

internal static unsafe partial class Libc
{
    internal const int RlimitMemlock = 8;

    internal struct Rlimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport(Libraries.Libc, EntryPoint = "setrlimit", SetLastError = true)]
    internal static partial int SetRlimit(int resource, in Rlimit limit);
}
