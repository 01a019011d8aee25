using Capture.Native.Probe;

namespace Capture.Hosting.Configuration;

/// <summary>
/// Checks options before anything is loaded, so a bad value is refused with a sentence that
/// names the setting and the value rather than by an errno from deep inside the driver.
/// </summary>
public static class CaptureOptionsValidator
{
    public static IReadOnlyList<string> Problems(CaptureOptions options)
    {
        var problems = new List<string>();
        var page = Environment.SystemPageSize;
        if (options.BufferBytes < page || (options.BufferBytes & (options.BufferBytes - 1)) != 0)
            problems.Add($"buffer size {options.BufferBytes} must be a power of two of at least the page size ({page} bytes), e.g. {CaptureOptions.DefaultBufferBytes}");
        if (options.CpusForEachBuffer < 0)
            problems.Add($"cpus-for-each-buffer {options.CpusForEachBuffer} must be 0 (one shared ring) or more");
        if (options.SnapLength is < 0 or > 65_000)
            problems.Add($"snap length {options.SnapLength} must be between 0 and 65000 bytes");
        if (options.MaxEvents is <= 0)
            problems.Add($"event limit {options.MaxEvents} must be positive");
        if (options.MaxDuration is { } d && d <= TimeSpan.Zero)
            problems.Add($"duration {d.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s must be positive");
        if (options.SinkStallTimeout <= TimeSpan.Zero)
            problems.Add($"sink timeout {options.SinkStallTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s must be positive");
        foreach (var name in options.Syscalls)
            if (!NativeSyscalls.TryNumberOf(name, out _))
                problems.Add($"unknown system call '{name}' in the syscall selection");
        if (options.Driver == DriverKind.Replay && string.IsNullOrEmpty(options.ReplayFile))
            problems.Add("the replay driver needs a file to read");
        problems.AddRange(OutputOptionsValidator.Problems(options));
        return problems;
    }
}
