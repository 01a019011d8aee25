namespace Capture.Native.Text;

/// <summary>
/// Relative paths resolved the way sysdig shows them beside the raw value
/// (<c>path=.(/)</c>): the base directory followed by the path with "./" dropped,
/// "../" folded into the parent, doubled separators merged, a trailing separator removed
/// and non-printable bytes turned into '.'.
/// </summary>
public static class PathText
{
    /// <summary>True for a path that needs no base (absolute or empty).</summary>
    public static bool IsAbsolute(ReadOnlySpan<byte> path) => path.IsEmpty || path[0] == (byte)'/';

    /// <summary>Writes <paramref name="path"/> below <paramref name="baseDir"/> (empty for none), normalized.</summary>
    public static void WriteJoined(Utf8Buffer dst, ReadOnlySpan<byte> baseDir, ReadOnlySpan<byte> path)
    {
        var start = dst.Length;
        dst.Append(baseDir);
        if (!baseDir.IsEmpty && baseDir[^1] != '/') dst.Append((byte)'/');
        var pc = 0;
        while (pc < path.Length)
        {
            var c = path[pc];
            if (!IsPrintable(c))
            {
                dst.Append((byte)'.');
                pc++;
            }
            else if (c == '.' && At(path, pc + 1) == '.' && At(path, pc + 2) == '/')
                pc += RewindToParent(dst, start, 3);
            else if (c == '.' && At(path, pc + 1) == '.')
            {
                if (pc + 2 >= path.Length) pc += RewindToParent(dst, start, 2);
                else
                {
                    dst.Append(".."u8);
                    pc += 2;
                }
            }
            else if (c == '.' && At(path, pc + 1) == '/') pc += 2;
            else if (c == '.' && pc + 1 >= path.Length) pc++;
            else if (c == '/' && dst.Length > start && dst.At(dst.Length - 1) == '/') pc++;
            else
            {
                dst.Append(c);
                pc++;
            }
        }
        if (dst.Length > start + 1 && dst.At(dst.Length - 1) == '/') dst.Truncate(dst.Length - 1);
    }

    static byte At(ReadOnlySpan<byte> path, int i) => i < path.Length ? path[i] : (byte)0;

    // Steps back over the last path component already written, never past the leading '/'.
    static int RewindToParent(Utf8Buffer dst, int start, int consumed)
    {
        var end = dst.Length;
        if (end <= start + 1) return consumed;
        end--;
        while (end >= start + 1 && dst.At(end - 1) != '/') end--;
        dst.Truncate(end);
        return consumed;
    }

    internal static bool IsPrintable(byte c) => c >= 0x20 && c < 0x7f;
}
