namespace Capture.Native.Filtering;

/// <summary>
/// The glob operator as libsinsp evaluates it with fnmatch and no flags: '*' any run of bytes
/// ('/' included), '?' one byte, '[...]' one byte of a set ('!' or '^' first negates, a-z is
/// a range, ']' first is literal), and a backslash escapes the next byte. Works on the bytes
/// in place: one pass with a single backtrack point for the last '*', no allocation.
/// </summary>
static class GlobPattern
{
    public static bool Matches(ReadOnlySpan<byte> text, ReadOnlySpan<byte> pattern)
    {
        int t = 0, p = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length)
            {
                var c = pattern[p];
                if (c == (byte)'*')
                {
                    starP = ++p;
                    starT = t;
                    continue;
                }
                if (c == (byte)'?')
                {
                    p++;
                    t++;
                    continue;
                }
                if (c == (byte)'[' && TryClass(pattern, p, text[t], out var classEnd, out var inClass))
                {
                    if (inClass)
                    {
                        p = classEnd;
                        t++;
                        continue;
                    }
                }
                else
                {
                    if (c == (byte)'\\' && p + 1 < pattern.Length) c = pattern[++p];
                    if (c == text[t])
                    {
                        p++;
                        t++;
                        continue;
                    }
                }
            }
            if (starP < 0) return false;
            // Let the last '*' take one more byte and try again from there.
            p = starP;
            t = ++starT;
        }
        while (p < pattern.Length && pattern[p] == (byte)'*') p++;
        return p == pattern.Length;
    }

    /// <summary>Reads the set at <paramref name="open"/>; false when the '[' is not closed (then it is a plain byte).</summary>
    static bool TryClass(ReadOnlySpan<byte> pattern, int open, byte b, out int end, out bool matched)
    {
        matched = false;
        end = 0;
        var i = open + 1;
        var negated = i < pattern.Length && pattern[i] is (byte)'!' or (byte)'^';
        if (negated) i++;
        var first = true;
        var found = false;
        while (i < pattern.Length && (first || pattern[i] != (byte)']'))
        {
            first = false;
            var low = pattern[i];
            if (low == (byte)'\\' && i + 1 < pattern.Length) low = pattern[++i];
            var high = low;
            if (i + 2 < pattern.Length && pattern[i + 1] == (byte)'-' && pattern[i + 2] != (byte)']')
            {
                high = pattern[i + 2];
                i += 2;
            }
            if (b >= low && b <= high) found = true;
            i++;
        }
        if (i >= pattern.Length) return false;
        end = i + 1;
        matched = found != negated;
        return true;
    }
}
