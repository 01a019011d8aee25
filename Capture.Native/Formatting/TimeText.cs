using Capture.Native.Text;

namespace Capture.Native.Formatting;

/// <summary>Timestamps (nanoseconds since the epoch) as sysdig prints them.</summary>
public static class TimeText
{
    const ulong NanosPerSecond = 1_000_000_000;
    const long SecondsPerDay = 86_400;

    /// <summary>The time of day with nanoseconds, <c>17:35:48.514648551</c>, shifted to local time by <paramref name="utcOffset"/>.</summary>
    public static void WriteTimeOfDay(Utf8Buffer dst, ulong timestamp, TimeSpan utcOffset)
    {
        var seconds = (long)(timestamp / NanosPerSecond) + (long)utcOffset.TotalSeconds;
        var ofDay = (int)(((seconds % SecondsPerDay) + SecondsPerDay) % SecondsPerDay);
        WriteTwoDigits(dst, ofDay / 3600);
        dst.Append((byte)':');
        WriteTwoDigits(dst, ofDay % 3600 / 60);
        dst.Append((byte)':');
        WriteTwoDigits(dst, ofDay % 60);
        dst.Append((byte)'.');
        dst.AppendFormatted(timestamp % NanosPerSecond, "D9");
    }

    /// <summary>Nanoseconds as seconds with nine decimals, <c>1534527348.514648551</c> or <c>0.000015932</c>.</summary>
    public static void WriteSeconds(Utf8Buffer dst, ulong nanoseconds)
    {
        dst.AppendFormatted(nanoseconds / NanosPerSecond);
        dst.Append((byte)'.');
        dst.AppendFormatted(nanoseconds % NanosPerSecond, "D9");
    }

    /// <summary>An absolute time as current libs print PT_ABSTIME: <c>2024-05-01 10:00:00.000000001 +0000</c>.</summary>
    public static void WriteAbsolute(Utf8Buffer dst, ulong timestamp, TimeSpan utcOffset)
    {
        WriteClock(dst, timestamp, utcOffset, date: true, nanoseconds: true);
        dst.Append((byte)' ');
        dst.Append(utcOffset < TimeSpan.Zero ? (byte)'-' : (byte)'+');
        var offset = utcOffset.Duration();
        WriteTwoDigits(dst, offset.Hours);
        WriteTwoDigits(dst, offset.Minutes);
    }

    /// <summary>
    /// The time of day (HH:mm:ss), after the date and <paramref name="separator"/> when
    /// <paramref name="date"/>, with nine decimals when <paramref name="nanoseconds"/>, shifted by <paramref name="utcOffset"/>.
    /// </summary>
    public static void WriteClock(Utf8Buffer dst, ulong timestamp, TimeSpan utcOffset, bool date, bool nanoseconds, byte separator = (byte)' ')
    {
        var local = DateTime.UnixEpoch.AddSeconds(timestamp / NanosPerSecond) + utcOffset;
        if (date)
        {
            dst.AppendFormatted(local, "yyyy-MM-dd");
            dst.Append(separator);
        }
        dst.AppendFormatted(local, "HH:mm:ss");
        if (!nanoseconds) return;
        dst.Append((byte)'.');
        dst.AppendFormatted(timestamp % NanosPerSecond, "D9");
    }

    /// <summary>A span as sysdig writes it for people: 252ns, 1.62us, 47us, 1.50ms, 500ms, 2.01s, 1:05, 01:02:03.</summary>
    public static void WriteHumanSpan(Utf8Buffer dst, ulong ns)
    {
        const ulong Minute = 60 * NanosPerSecond, Hour = 60 * Minute;
        if (ns >= Hour)
        {
            dst.AppendFormatted(ns / Hour, "D2");
            dst.Append((byte)':');
            dst.AppendFormatted(ns / Minute % 60, "D2");
            dst.Append((byte)':');
            dst.AppendFormatted(ns / NanosPerSecond % 60, "D2");
        }
        else if (ns >= Minute)
        {
            dst.AppendFormatted(ns / Minute);
            dst.Append((byte)':');
            dst.AppendFormatted(ns / NanosPerSecond % 60);
        }
        else if (ns >= NanosPerSecond) WriteWithHundredths(dst, ns / NanosPerSecond, ns % NanosPerSecond / 10_000_000, "s"u8);
        else if (ns >= 10_000_000) WriteUnit(dst, ns / 1_000_000, "ms"u8);
        else if (ns >= 1_000_000) WriteWithHundredths(dst, ns / 1_000_000, ns % 1_000_000 / 10_000, "ms"u8);
        else if (ns >= 10_000) WriteUnit(dst, ns / 1_000, "us"u8);
        else if (ns >= 1_000) WriteWithHundredths(dst, ns / 1_000, ns % 1_000 / 10, "us"u8);
        else WriteUnit(dst, ns, "ns"u8);
    }

    static void WriteUnit(Utf8Buffer dst, ulong whole, ReadOnlySpan<byte> unit)
    {
        dst.AppendFormatted(whole);
        dst.Append(unit);
    }

    static void WriteWithHundredths(Utf8Buffer dst, ulong whole, ulong hundredths, ReadOnlySpan<byte> unit)
    {
        dst.AppendFormatted(whole);
        dst.Append((byte)'.');
        dst.AppendFormatted(hundredths, "D2");
        dst.Append(unit);
    }

    static void WriteTwoDigits(Utf8Buffer dst, int value)
    {
        dst.Append((byte)('0' + value / 10));
        dst.Append((byte)('0' + value % 10));
    }
}
