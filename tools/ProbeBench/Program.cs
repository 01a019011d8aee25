// What the modern probe adds to tight syscall loops of driver/testprog (getppid, 1-byte
// read, open+close), measured as issue 4 asks: per round, interleaved, the loop's ns/iter
// with nothing attached, with a minimal bpftrace counter on sys_exit (the reference the
// issue quotes), and with the probe attached (every syscall of interest, 8 MiB per-CPU
// rings, the real polling thread draining); then events/s drained and the probe's drops.
// Baselines drift on shared machines, so compare within one run; medians are printed last.
//
//   dotnet build -c Release tools/ProbeBench
//   dotnet tools/ProbeBench/bin/Release/net10.0/ProbeBench.dll [iterations=1000000] [rounds=5] [--cpu] [--pause-us=N] [--stats]
//
// --pause-us=N sets the poller's pause between rounds (PollerOptions.ShortestPause).
// --cpu times the loop by its on-CPU time (CLOCK_PROCESS_CPUTIME_ID) instead of wall-clock
// time: on a machine shared with other work this leaves out time spent waiting for a CPU,
// while the probe's cost (it runs inside the syscall) is still counted.
// --stats also prints the dispatcher's average run time from the kernel's BPF statistics
// (it turns kernel.bpf_stats_enabled on for the run, which itself costs a little).
using System.Diagnostics;
using System.Globalization;
using Capture.Native.Batches;
using Capture.Native.Polling;
using Capture.Native.Probe;

var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var iterations = positional.Length > 0 ? long.Parse(positional[0], CultureInfo.InvariantCulture) : 1_000_000;
var rounds = positional.Length > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 5;
var stats = args.Contains("--stats");
var cpuTime = args.Contains("--cpu");
var pause = args.FirstOrDefault(a => a.StartsWith("--pause-us=", StringComparison.Ordinal)) is { } p
    ? TimeSpan.FromMicroseconds(double.Parse(p["--pause-us=".Length..], CultureInfo.InvariantCulture))
    : new PollerOptions().ShortestPause;
var testprog = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../artifacts/driver/capture_testprog"));
var kinds = new[] { ("getppid", 1), ("read1", 1), ("openclose", 2) };

if (stats) Sysctl("kernel.bpf_stats_enabled", "1");
Console.WriteLine($"iterations {iterations}, rounds {rounds}, {Environment.ProcessorCount} CPUs, {(cpuTime ? "on-CPU" : "wall-clock")} time; added = ns per syscall over the baseline of the same round");
Console.WriteLine("loop       round  base ns/iter  bpftrace added  probe added  events/s drained  seen       delivered  dropped" + (stats ? "  bpf ns/run" : ""));
var summary = new List<string>();
foreach (var (kind, syscallsPerIteration) in kinds)
{
    var addedByBpftrace = new List<double>();
    var addedByProbe = new List<double>();
    for (var round = 0; round < rounds; round++)
    {
        var baseline = RunLoop(kind);
        var withBpftrace = UnderBpftrace(() => RunLoop(kind));

        using var probe = ModernProbe.Load(new ProbeSettings());
        var pool = new EventBatchPool();
        using var poller = probe.CreatePoller(pool, new PollerOptions { ShortestPause = pause });
        foreach (var handoff in poller.Handoffs) handoff.Available += Discard;
        poller.Start();
        probe.Attach();
        var started = Stopwatch.GetTimestamp();
        var withProbe = RunLoop(kind);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var bpfNs = stats ? BpfNsPerRun() : "";
        probe.Detach();
        poller.Dispose();
        foreach (var handoff in poller.Handoffs) Discard(handoff);
        var total = probe.ReadCounters().Total;
        var delivered = poller.Statistics.Sum(s => s.EventsDelivered);

        var bpftraceAdded = (withBpftrace - baseline) / syscallsPerIteration;
        var probeAdded = (withProbe - baseline) / syscallsPerIteration;
        addedByBpftrace.Add(bpftraceAdded);
        addedByProbe.Add(probeAdded);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kind,-10} {round,5}  {baseline,12:F1}  {bpftraceAdded,14:F1}  {probeAdded,11:F1}  {delivered / elapsed.TotalSeconds,16:F0}  {total.EventsSeen,-10} {delivered,-10} {total.Dropped,-7}  {bpfNs}"));
    }
    summary.Add(string.Create(CultureInfo.InvariantCulture,
        $"{kind,-10} median added ns/syscall: bpftrace {Median(addedByBpftrace),6:F1}, probe {Median(addedByProbe),6:F1}"));
}
if (stats) Sysctl("kernel.bpf_stats_enabled", "0");
summary.ForEach(Console.WriteLine);

static void Discard(RingHandoff handoff)
{
    while (handoff.TryTake(out var batch)) batch.Release();
}

double RunLoop(string kind)
{
    var output = Run(testprog, $"loop {kind} {iterations.ToString(CultureInfo.InvariantCulture)}");
    return double.Parse(output.Trim().Split(' ')[cpuTime ? 3 : 2], CultureInfo.InvariantCulture);
}

// A minimal bpftrace counter on sys_exit, started and stopped around the loop.
static double UnderBpftrace(Func<double> loop)
{
    var info = new ProcessStartInfo("bpftrace", ["-e", "tracepoint:raw_syscalls:sys_exit { @n = count(); }"])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    using var bpftrace = Process.Start(info)!;
    while (bpftrace.StandardOutput.ReadLine() is { } line && !line.StartsWith("Attaching", StringComparison.Ordinal)) { }
    try
    {
        return loop();
    }
    finally
    {
        bpftrace.Kill();
        bpftrace.WaitForExit();
    }
}

static string BpfNsPerRun()
{
    var words = Run("bpftool", "prog show name capture_sys_exit").Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
    var time = Array.IndexOf(words, "run_time_ns");
    var count = Array.IndexOf(words, "run_cnt");
    if (time < 0 || count < 0) return "n/a";
    return (double.Parse(words[time + 1], CultureInfo.InvariantCulture) / double.Parse(words[count + 1], CultureInfo.InvariantCulture)).ToString("F1", CultureInfo.InvariantCulture);
}

static void Sysctl(string name, string value) => Run("sysctl", $"-qw {name}={value}");

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static string Run(string file, string arguments)
{
    using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true })!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} exited {process.ExitCode}");
    return output;
}
