using System.Text;
using Capture.Native.Interop;

namespace Capture.Native.Text;

/// <summary>
/// A time of day written by the C library's own strftime in the local zone (TZ), so that a
/// name built from a strftime pattern is the name sysdig builds from it, conversion for
/// conversion (%F, %s, %j, locale-free in the C locale .NET runs under).
/// </summary>
public static class LocalTimeText
{
    /// <summary>sysdig formats file names into a buffer of this many bytes.</summary>
    const int MaxBytes = 4096;

    /// <summary><paramref name="pattern"/> with its conversions filled in for <paramref name="epochSeconds"/>; empty when the result is longer than 4096 bytes.</summary>
    public static unsafe string Format(string pattern, long epochSeconds)
    {
        var format = Encoding.UTF8.GetBytes(pattern + "\0");
        var tm = stackalloc byte[Libc.TmBytes];
        var output = new byte[MaxBytes];
        fixed (byte* f = format)
        fixed (byte* o = output)
        {
            if (Libc.LocaltimeR(&epochSeconds, tm) is null) return "";
            var length = (int)Libc.Strftime(o, MaxBytes, f, tm);
            return Encoding.UTF8.GetString(output, 0, length);
        }
    }
}
