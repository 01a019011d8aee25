namespace Capture.Native.Interop;

/// <summary>The native libraries Capture.Native binds to.</summary>
internal static partial class Libraries
{
    /// <summary>libbpf 1.x: functions return NULL and set errno, or return a negative errno.</summary>
    internal const string Libbpf = "libbpf.so.1";
    internal const string Libc = "libc";
}
