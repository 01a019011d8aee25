namespace Capture.Native.Interop;

/// <summary>The native libraries Capture.Native binds to.</summary>
internal static partial class Libraries
{
    /// <summary>libbpf 1.x: functions return NULL and set errno, or return a negative errno.</summary>
    internal const string Libbpf = "libbpf.so.1";
    internal const string Libc = "libc";
    /// <summary>zlib 1.x: the inflater that reports gzip's CRC and length checks and a stream cut short.</summary>
    internal const string Zlib = "libz.so.1";
}
