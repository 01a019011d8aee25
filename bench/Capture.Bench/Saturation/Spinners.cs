using System.Diagnostics;

namespace Capture.Bench.Saturation;

/// <summary>
/// One getppid loop pinned to each CPU, the load that fills the rings fastest: as many
/// events per second as the machine can make, every one of them a few dozen bytes. They run
/// until disposed (killed); only the tracers' counts matter, not the loops' own timing.
/// </summary>
internal sealed class Spinners : IDisposable
{
    // More iterations than any window can finish: the loop is killed, never waited for.
    const long Forever = 100_000_000_000;

    readonly List<Process> _loops = [];

    public Spinners(string workload, int cpus)
    {
        for (var cpu = 0; cpu < cpus; cpu++)
        {
            var info = new ProcessStartInfo("taskset") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "-c", cpu.ToString(), workload, "getppid", Forever.ToString() }) info.ArgumentList.Add(a);
            _loops.Add(Process.Start(info) ?? throw new InvalidOperationException($"could not start {workload} on CPU {cpu}"));
        }
    }

    public void Dispose()
    {
        foreach (var loop in _loops)
        {
            if (!loop.HasExited)
            {
                loop.Kill();
                loop.WaitForExit();
            }
            loop.Dispose();
        }
    }
}
