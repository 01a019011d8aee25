using Capture.Native.Text;

namespace Capture.Native.Formatting;

/// <summary>
/// Byte buffers as libsinsp shows them with -A and -X: the whole captured buffer, starting on
/// a line of its own (the line continues after the last row with the next parameter).
/// </summary>
static class BufferText
{
    const int BytesPerRow = 16;
    const int ChunksPerRow = BytesPerRow / 2;

    /// <summary>
    /// -A: printable ASCII only; a CR becomes a line end and an LF after it (or at the very
    /// start) is dropped, so CRLF text reads as lines.
    /// </summary>
    public static void WriteAsciiOnly(Utf8Buffer dst, ReadOnlySpan<byte> value)
    {
        dst.Append((byte)'\n');
        for (var i = 0; i < value.Length; i++)
        {
            var b = value[i];
            if (PathText.IsPrintable(b)) dst.Append(b);
            else if (b == (byte)'\r') dst.Append((byte)'\n');
            else if (b == (byte)'\n' && i > 0 && value[i - 1] != (byte)'\r') dst.Append(b);
        }
    }

    /// <summary>
    /// -X / -x: rows of <c>\t0x0010: 0300 3e00 ...</c>, two bytes a chunk (an odd last byte
    /// alone); with -X then <c>  ..&gt;.....</c>, short rows padded a chunk's width per missing
    /// chunk so the ASCII lines up (an odd last byte leaves it two columns early, as libsinsp
    /// does). A line end after the last row.
    /// </summary>
    public static void WriteHex(Utf8Buffer dst, ReadOnlySpan<byte> value, bool withAscii)
    {
        for (var row = 0; row < value.Length; row += BytesPerRow)
        {
            dst.Append("\n\t0x"u8);
            dst.AppendFormatted(row, "x4");
            dst.Append((byte)':');
            var bytes = value[row..Math.Min(row + BytesPerRow, value.Length)];
            var chunks = 0;
            for (var i = 0; i < bytes.Length; i += 2, chunks++)
            {
                dst.Append((byte)' ');
                dst.AppendFormatted(bytes[i], "x2");
                if (i + 1 < bytes.Length) dst.AppendFormatted(bytes[i + 1], "x2");
            }
            if (!withAscii) continue;
            for (; chunks < ChunksPerRow; chunks++) dst.Append("     "u8);
            dst.Append("  "u8);
            foreach (var b in bytes) dst.Append(PathText.IsPrintable(b) ? b : (byte)'.');
        }
        dst.Append((byte)'\n');
    }

    /// <summary>-b: standard base64 with padding.</summary>
    public static void WriteBase64(Utf8Buffer dst, ReadOnlySpan<byte> value)
    {
        var target = dst.GetSpan(System.Buffers.Text.Base64.GetMaxEncodedToUtf8Length(value.Length));
        System.Buffers.Text.Base64.EncodeToUtf8(value, target, out _, out var written);
        dst.Advance(written);
    }
}
