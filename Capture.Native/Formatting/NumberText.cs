using Capture.Native.Schema;
using Capture.Native.Text;

namespace Capture.Native.Formatting;

/// <summary>Numbers the way sysdig's printf formats render them.</summary>
public static class NumberText
{
    /// <summary>
    /// An integer in its parameter's print format: PF_HEX as upper-case hex without prefix,
    /// PF_OCT as octal with a leading 0 (C's <c>%#o</c>), PF_10_PADDED_DEC zero-padded to nine
    /// characters, anything else decimal. <paramref name="signed"/> is the value as sysdig's
    /// decimal conversion sees it, <paramref name="bits"/> as its hex and octal ones see it
    /// (C promotes small signed types to int, so -1 in an int8 is FFFFFFFF).
    /// </summary>
    public static void WriteInteger(Utf8Buffer dst, long signed, ulong bits, PrintFormat format)
    {
        switch (format)
        {
            case PrintFormat.HEX:
                dst.AppendFormatted(bits, "X");
                break;
            case PrintFormat.OCT:
                WriteOctal(dst, bits);
                break;
            case PrintFormat._10_PADDED_DEC:
                if (signed < 0)
                {
                    dst.Append((byte)'-');
                    dst.AppendFormatted((ulong)-signed, "D8");
                }
                else dst.AppendFormatted(signed, "D9");
                break;
            default:
                dst.AppendFormatted(signed);
                break;
        }
    }

    static void WriteOctal(Utf8Buffer dst, ulong value)
    {
        if (value == 0)
        {
            dst.Append((byte)'0');
            return;
        }
        Span<byte> digits = stackalloc byte[23];
        var at = digits.Length;
        for (; value != 0; value >>= 3) digits[--at] = (byte)('0' + (int)(value & 7));
        digits[--at] = (byte)'0';
        dst.Append(digits[at..]);
    }

    /// <summary>C's <c>%lg</c>: six significant digits, exponent form outside 1e-5..1e6.</summary>
    public static void WriteShortestDouble(Utf8Buffer dst, double value)
    {
        var start = dst.Length;
        dst.AppendFormatted(value, "G6");
        for (var i = start; i < dst.Length; i++)
            if (dst.At(i) == (byte)'E') dst.At(i) = (byte)'e';
    }
}
