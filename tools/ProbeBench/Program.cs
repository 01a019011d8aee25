// Interleaved overhead measurement of the modern probe, as issue 4 asks: for each loop of
// driver/testprog (getppid, 1-byte read, open+close), the loop's ns/iter without the
// probe and with it attached (all syscalls of interest, 8 MiB per-CPU rings, the real
// polling thread draining), events/s drained, and the probe's drop counters.
//   dotnet run -c Release --project tools/ProbeBench -- [iterations] [rounds]
using System.Diagnostics;
using System.Globalization;
using Capture.Native.Batches;
using Capture.Native.Polling;
using Capture.Native.Probe;

var iterations = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 2_000_000;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var testprog = Path.Combine(AppContext.BaseDirectory, "../../../../../artifacts/driver/capture_testprog");

double RunLoop(string kind)
{
    var info = new ProcessStartInfo(testprog) { RedirectStandardOutput = true };
    foreach (var a in (string[])["loop", kind, iterations.ToString(CultureInfo.InvariantCulture)]) info.ArgumentList.Add(a);
    using var p = Process.Start(info)!;
    var line = p.StandardOutput.ReadToEnd().Trim();
    p.WaitForExit();
    return double.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture);
}

Console.WriteLine($"iterations {iterations}, rounds {rounds}, {Environment.ProcessorCount} CPUs");
Console.WriteLine("loop       round  base ns/iter  probe ns/iter  added ns/syscall  events/s drained  seen      delivered  dropped");
foreach (var kind in (string[])["getppid", "read1", "openclose"])
{
    var syscallsPerIteration = kind == "openclose" ? 2 : 1;
    for (var round = 0; round < rounds; round++)
    {
        var baseline = RunLoop(kind);
        using var probe = ModernProbe.Load(new ProbeSettings { Interest = Environment.GetEnvironmentVariable("PROBEBENCH_INTEREST") == "none" ? [] : null, BufferBytes = Environment.GetEnvironmentVariable("NOPOLL") == "1" ? 256u << 20 : 8u << 20 });
        var pool = new EventBatchPool();
        using var poller = new RingPoller(probe.Rings.Select(r => r.Consumer).ToArray(), pool, new PollerOptions(), probe.Clock.Now, r => (ushort)r);
        foreach (var handoff in poller.Handoffs)
            handoff.Available += h => { while (h.TryTake(out var b)) b.Release(); };
        if (Environment.GetEnvironmentVariable("NOPOLL") != "1") poller.Start();
        probe.Attach();
        var started = Stopwatch.GetTimestamp();
        var traced = RunLoop(kind);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (Environment.GetEnvironmentVariable("PROBEBENCH_PAUSE") is { } pause) Thread.Sleep(int.Parse(pause, CultureInfo.InvariantCulture));
        probe.Detach();
        poller.Dispose();
        foreach (var h in poller.Handoffs) while (h.TryTake(out var b)) b.Release();
        var total = probe.ReadCounters().Total;
        var delivered = poller.Statistics.Sum(s => s.EventsDelivered);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kind,-10} {round,5}  {baseline,12:F1}  {traced,13:F1}  {(traced - baseline) / syscallsPerIteration,16:F1}  {delivered / elapsed.TotalSeconds,16:F0}  {total.EventsSeen,-9} {delivered,-10} {total.Dropped}"));
    }
}
