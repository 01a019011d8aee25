using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Capture.Bench.Overhead;

/// <summary>
/// A tracer (capture or bpftrace) started in the background: waits for the line that says
/// it is attached, samples its CPU time and peak RSS from /proc, and stops it with SIGINT so
/// it prints its own summary. Both output streams are collected whole.
/// </summary>
internal sealed partial class TracedProcess : IDisposable
{
    static readonly double TicksToNs = 1e9 / 100; // USER_HZ is 100 on every Linux ABI we run on

    readonly Process _process;
    readonly System.Text.StringBuilder _stdout = new();
    readonly System.Text.StringBuilder _stderr = new();
    readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    TracedProcess(Process process, string readyText)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Collect(_stdout, e.Data, readyText);
        _process.ErrorDataReceived += (_, e) => Collect(_stderr, e.Data, readyText);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Starts <paramref name="commandLine"/> (program first) pinned to <paramref name="cpu"/>, with <paramref name="environment"/> added, and waits until it prints <paramref name="readyText"/>.</summary>
    public static TracedProcess Start(int cpu, IReadOnlyList<string> commandLine, string readyText, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null) =>
        Start(["taskset", "-c", cpu.ToString(), .. commandLine], readyText, timeout, environment);

    /// <summary>
    /// Starts <paramref name="commandLine"/> (program first) as given, unpinned unless it pins
    /// itself, with <paramref name="environment"/> added, and waits until it prints <paramref name="readyText"/>.
    /// </summary>
    public static TracedProcess Start(IReadOnlyList<string> commandLine, string readyText, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var command = commandLine[0];
        var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in commandLine.Skip(1)) info.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        var traced = new TracedProcess(Process.Start(info) ?? throw new InvalidOperationException($"could not start {command}"), readyText);
        var exited = traced._process.WaitForExitAsync();
        if (Task.WhenAny(traced._ready.Task, exited, Task.Delay(timeout)).Result != traced._ready.Task)
        {
            traced.Dispose();
            throw new InvalidOperationException($"{string.Join(' ', commandLine)} did not print '{readyText}' within {timeout.TotalSeconds:F0} s; stderr: {traced.Stderr.Trim()} stdout: {traced.Stdout.Trim()}");
        }
        return traced;
    }

    void Collect(System.Text.StringBuilder into, string? line, string readyText)
    {
        if (line is null) return;
        lock (into) into.AppendLine(line);
        if (line.Contains(readyText, StringComparison.Ordinal)) _ready.TrySetResult();
    }

    /// <summary>user + system CPU time so far, in ns, from /proc/PID/stat (fields 14 and 15).</summary>
    public double CpuNs()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        // The command name may hold spaces; every field after its closing paren is plain.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) * TicksToNs;
    }

    /// <summary>Resident set size now and at its peak, in MB, from /proc/PID/status.</summary>
    public (double Now, double Peak) RssMb()
    {
        double now = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) now = Kilobytes(line) / 1024.0;
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line) / 1024.0;
        }
        return (now, peak);
    }

    static long Kilobytes(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);

    /// <summary>
    /// Sends SIGINT and waits for the process to print its summary and exit; once more if the
    /// first signal went unheard. False when it had to be killed (its summary is then missing).
    /// </summary>
    public bool Interrupt(TimeSpan timeout)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (Kill(Pid, SigInt) != 0 && !_process.HasExited)
                throw new InvalidOperationException($"kill -INT {Pid} failed: errno {Marshal.GetLastPInvokeError()}");
            if (_process.WaitForExit(timeout / 2))
            {
                _process.WaitForExit(); // flushes the asynchronous readers
                return true;
            }
        }
        _process.Kill();
        _process.WaitForExit();
        return false;
    }

    /// <summary>
    /// Sends SIGUSR1 (a live capture answers with one `capture: progress:` line on stderr) and
    /// waits for the answer; returns that line. <paramref name="answered"/> lines already seen
    /// are not taken for it.
    /// </summary>
    public string AskProgress(int answered, TimeSpan timeout)
    {
        if (Kill(Pid, SigUsr1) != 0) throw new InvalidOperationException($"kill -USR1 {Pid} failed: errno {Marshal.GetLastPInvokeError()}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var lines = Stderr.Split('\n').Where(l => l.StartsWith("capture: progress:", StringComparison.Ordinal)).ToArray();
            if (lines.Length > answered) return lines[answered];
            Thread.Sleep(5);
        }
        throw new InvalidOperationException($"{Pid} printed no progress line within {timeout.TotalSeconds:F0} s of SIGUSR1; stderr: {Stderr.Trim()}");
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }

    const int SigInt = 2;
    const int SigUsr1 = 10;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
