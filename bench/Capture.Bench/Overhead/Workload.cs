using System.Diagnostics;
using System.Globalization;

namespace Capture.Bench.Overhead;

/// <summary>The C workload (bench/workload/workload.c): one system call pattern in a loop, pinned to one CPU.</summary>
internal sealed class Workload(string path, int cpu)
{
    public static readonly string[] Modes = ["getppid", "read1", "openclose", "write4k", "forkexec"];

    /// <summary>Runs <paramref name="iterations"/> of <paramref name="mode"/>; returns ns per iteration as the program measured it.</summary>
    public double Run(string mode, long iterations)
    {
        var info = new ProcessStartInfo("taskset") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", cpu.ToString(), path, mode, iterations.ToString() }) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {path}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{path} {mode} {iterations} exited with {process.ExitCode}: {stderr.Result.Trim()}");
        // "MODE ITERATIONS NS_PER_ITER"
        var fields = stdout.Trim().Split(' ');
        if (fields.Length != 3 || fields[0] != mode) throw new InvalidOperationException($"{path} printed '{stdout.Trim()}', expected '{mode} {iterations} NS'");
        return double.Parse(fields[2], CultureInfo.InvariantCulture);
    }

    /// <summary>Iterations that take about <paramref name="target"/> untraced, from a short trial run.</summary>
    public long Calibrate(string mode, TimeSpan target)
    {
        var trial = mode == "forkexec" ? 50 : 20_000;
        Run(mode, trial); // warms the page cache and the binary
        var ns = Run(mode, trial);
        return Math.Max(trial, (long)(target.TotalNanoseconds / Math.Max(ns, 1)));
    }
}
