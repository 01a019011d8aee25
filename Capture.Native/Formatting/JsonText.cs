using System.Buffers;
using System.Text;
using Capture.Native.Text;

namespace Capture.Native.Formatting;

/// <summary>
/// JSON string contents from raw bytes. Event strings are whatever the traced program
/// passed, so the input may hold control characters and invalid UTF-8: the first are
/// escaped, the second replaced by U+FFFD, so that every line is valid JSON.
/// </summary>
public static class JsonText
{
    public static void WriteString(Utf8Buffer dst, ReadOnlySpan<byte> utf8)
    {
        dst.Append((byte)'"');
        WriteEscaped(dst, utf8);
        dst.Append((byte)'"');
    }

    // Plain printable ASCII is copied in runs; only the rest is looked at byte by byte.
    static readonly SearchValues<byte> s_special = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\', .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b)]);

    public static void WriteEscaped(Utf8Buffer dst, ReadOnlySpan<byte> utf8)
    {
        var i = 0;
        while (i < utf8.Length)
        {
            var plain = utf8[i..].IndexOfAny(s_special);
            if (plain < 0)
            {
                dst.Append(utf8[i..]);
                return;
            }
            dst.Append(utf8.Slice(i, plain));
            i += plain;
            var b = utf8[i];
            if (b < 0x80)
            {
                WriteAscii(dst, b);
                i++;
                continue;
            }
            var status = Rune.DecodeFromUtf8(utf8[i..], out _, out var consumed);
            if (status == OperationStatus.Done) dst.Append(utf8.Slice(i, consumed));
            else dst.Append("\\ufffd"u8);
            i += Math.Max(1, consumed);
        }
    }

    static void WriteAscii(Utf8Buffer dst, byte b)
    {
        switch (b)
        {
            case (byte)'"': dst.Append("\\\""u8); break;
            case (byte)'\\': dst.Append("\\\\"u8); break;
            case (byte)'\n': dst.Append("\\n"u8); break;
            case (byte)'\r': dst.Append("\\r"u8); break;
            case (byte)'\t': dst.Append("\\t"u8); break;
            case < 0x20:
                dst.Append("\\u00"u8);
                dst.AppendFormatted(b, "x2");
                break;
            default: dst.Append(b); break;
        }
    }
}
