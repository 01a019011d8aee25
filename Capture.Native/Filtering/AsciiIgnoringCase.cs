namespace Capture.Native.Filtering;

/// <summary>icontains on UTF-8 bytes: ASCII letters compare without case, other bytes as they are.</summary>
static class AsciiIgnoringCase
{
    public static bool Contains(ReadOnlySpan<byte> text, ReadOnlySpan<byte> part)
    {
        for (var i = 0; i + part.Length <= text.Length; i++)
            if (EqualAt(text[i..], part)) return true;
        return false;
    }

    static bool EqualAt(ReadOnlySpan<byte> text, ReadOnlySpan<byte> part)
    {
        for (var j = 0; j < part.Length; j++)
            if (Lower(text[j]) != Lower(part[j])) return false;
        return true;
    }

    static byte Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
}
