using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Capture.Bench.Startup;

/// <summary>
/// Runs a program to its end and times all of it from outside: wall time from the start
/// request to the exit, and the CPU time the child used (the growth of RUSAGE_CHILDREN, which
/// counts a child once it has been waited for; runs here are one at a time, so the growth is
/// this child's). Standard output is read and thrown away; standard error is kept.
/// </summary>
internal static partial class TimedProcess
{
    const int RusageChildren = -1;

    public static ProcessTime Run(ProcessStartInfo info, out string stderrText)
    {
        var cpuBefore = ChildrenCpuMs();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(Stream.Null);
        process.WaitForExit();
        var wall = clock.Elapsed.TotalMilliseconds;
        stderrText = stderr.Result;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{info.FileName} {string.Join(' ', info.ArgumentList)} exited with {process.ExitCode}: {stderrText.Trim()}");
        return new ProcessTime(wall, ChildrenCpuMs() - cpuBefore);
    }

    static double ChildrenCpuMs()
    {
        if (GetResourceUsage(RusageChildren, out var usage) != 0)
            throw new InvalidOperationException($"getrusage failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        return (usage.UserSeconds + usage.SystemSeconds) * 1e3 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1e3;
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetResourceUsage(int who, out ResourceUsage usage);

    /// <summary>struct rusage on x86-64 Linux: two timevals, then fourteen longs this does not read.</summary>
    [StructLayout(LayoutKind.Sequential)]
    struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public unsafe fixed long Rest[14];
    }
}

/// <summary>One run's (or a median's) wall and CPU milliseconds.</summary>
internal readonly record struct ProcessTime(double WallMs, double CpuMs)
{
    /// <summary>The medians of wall and of CPU time, each taken on its own.</summary>
    public static ProcessTime Median(IReadOnlyList<ProcessTime> times) =>
        new(Middle(times.Select(t => t.WallMs)), Middle(times.Select(t => t.CpuMs)));

    static double Middle(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public override string ToString() => $"{WallMs:F0} ms ({CpuMs:F0} ms CPU)";
}
