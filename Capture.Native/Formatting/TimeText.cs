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
        var local = DateTime.UnixEpoch.AddSeconds(timestamp / NanosPerSecond) + utcOffset;
        dst.AppendFormatted(local, "yyyy-MM-dd HH:mm:ss");
        dst.Append((byte)'.');
        dst.AppendFormatted(timestamp % NanosPerSecond, "D9");
        dst.Append((byte)' ');
        dst.Append(utcOffset < TimeSpan.Zero ? (byte)'-' : (byte)'+');
        var offset = utcOffset.Duration();
        WriteTwoDigits(dst, offset.Hours);
        WriteTwoDigits(dst, offset.Minutes);
    }

    static void WriteTwoDigits(Utf8Buffer dst, int value)
    {
        dst.Append((byte)('0' + value / 10));
        dst.Append((byte)('0' + value % 10));
    }
}
