using System.Diagnostics;
using Akka.Actor;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Actors.Pipeline;
using Capture.Native.Batches;

namespace Capture.Actors.Measurement;

/// <summary>
/// Measures the whole live path: the simulated driver, the stream's ring source, merge by
/// timestamp and fan-out, into a counting sink. Not a test: it prints numbers for the
/// benchmark suite. A producer thread moves the virtual clock as fast as the rings have
/// room, so the kernel never drops and the pipeline is the bottleneck; the rate is taken
/// over a window after a warm-up (and once the batch pool stops growing), together with the bytes allocated per event in that
/// window across all threads (<see cref="GC.GetTotalAllocatedBytes"/>).
/// </summary>
public static class PipelineThroughput
{
    /// <param name="BatchesCreatedInWindow">Pool growth during the window: each is a block allocated once, not per event.</param>
    /// <param name="PipelineCpu">CPU time of the whole process in the window less the simulated kernel's thread: what the pipeline spent.</param>
    public sealed record Result(int Rings, long Events, long Batches, TimeSpan Elapsed, long AllocatedBytes, long BatchesCreated, long BatchesCreatedInWindow, long KernelDropped, long OutOfOrder, TimeSpan PipelineCpu)
    {
        public double EventsPerSecond => Events / Elapsed.TotalSeconds;

        /// <summary>Pipeline CPU per event: steadier than the rate on a shared machine, where other tenants take cores away.</summary>
        public double CpuNsPerEvent => Events == 0 ? 0 : PipelineCpu.TotalNanoseconds / Events;

        public double AllocatedBytesPerEvent => Events == 0 ? 0 : (double)AllocatedBytes / Events;

        public override string ToString() =>
            $"{Rings} rings: {Events:N0} events in {Elapsed.TotalSeconds:F2} s = {EventsPerSecond / 1e6:F2} M events/s, {CpuNsPerEvent:F1} ns pipeline CPU per event, " +
            $"{AllocatedBytesPerEvent:F3} bytes allocated per event ({AllocatedBytes:N0} bytes), {Events / Math.Max(1, Batches)} events per merged batch, " +
            $"{BatchesCreated} batches ever created ({BatchesCreatedInWindow} during the window), kernel drops {KernelDropped}, out of order {OutOfOrder}";
    }

    public static async Task<Result> MeasureAsync(ActorSystem system, int rings = 4, TimeSpan? warmUp = null, TimeSpan? window = null, PipelineSettings? settings = null)
    {
        var kernel = new SimulatedKernel(new SimulationSettings { Seed = 1, Rings = rings, MeanGapNs = 1_000, RingCapacity = 16 * 1024, MaxEventsPerBatch = 4 * 1024, WakeAfterEvents = 1024 });
        var sink = new CountingSink();
        var pipeline = CapturePipeline.Start(system, new SimulatedDriverLoader(kernel), [new SinkBinding(sink, new SinkPolicy.Lossless())], settings, $"throughput-{Guid.NewGuid():N}");

        using var stop = new CancellationTokenSource();
        var producerTask = new TaskCompletionSource<string>();
        var producer = new Thread(() =>
        {
            producerTask.SetResult(ThisThreadsTask());
            Produce(kernel, stop.Token);
        }) { IsBackground = true, Name = "simulated kernel" };
        producer.Start();
        var producerStat = await producerTask.Task;

        await Task.Delay(warmUp ?? TimeSpan.FromSeconds(3));
        await UntilPoolSettles(pipeline.Pool);
        var eventsBefore = sink.Events;
        var batchesBefore = sink.Batches;
        var createdBefore = pipeline.Pool.Created;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime - ThreadCpu(producerStat);
        var clock = Stopwatch.StartNew();
        await Task.Delay(window ?? TimeSpan.FromSeconds(5));
        var events = sink.Events - eventsBefore;
        var batches = sink.Batches - batchesBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var elapsed = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - ThreadCpu(producerStat) - cpuBefore;
        var createdInWindow = pipeline.Pool.Created - createdBefore;

        stop.Cancel();
        producer.Join();
        pipeline.Supervisor.Tell(StopCapture.Instance);
        await pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        return new Result(rings, events, batches, elapsed, allocated, pipeline.Pool.Created, createdInWindow, kernel.Totals.KernelDropped, sink.OutOfOrder, cpu);
    }

    /// <summary>The calling thread's schedstat file: /proc/thread-self names the task behind it.</summary>
    static string ThisThreadsTask() => $"/proc/{new FileInfo("/proc/thread-self").LinkTarget}/schedstat";

    /// <summary>Time a thread has run on a CPU: the first field of its schedstat, in ns.</summary>
    static TimeSpan ThreadCpu(string schedstat) =>
        TimeSpan.FromTicks(long.Parse(File.ReadAllText(schedstat).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 100);

    /// <summary>
    /// Waits until the pool has every batch the run keeps in flight (no block created for a
    /// second), at most 10 s: a block the pool creates in the window is allocated once, yet
    /// would be counted as if every event of the window had allocated a share of it.
    /// </summary>
    static async Task UntilPoolSettles(EventBatchPool pool)
    {
        var giveUp = Stopwatch.StartNew();
        var created = pool.Created;
        while (giveUp.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (pool.Created == created) return;
            created = pool.Created;
        }
    }

    /// <summary>Advances virtual time in small steps whenever every ring has room for a step's events.</summary>
    static void Produce(SimulatedKernel kernel, CancellationToken stop)
    {
        const ulong step = 100_000; // about 100 events per ring at a 1 µs mean gap
        var spin = new SpinWait();
        while (!stop.IsCancellationRequested)
        {
            if (kernel.MinFreeSlots > 1_024)
            {
                kernel.Advance(step);
                spin.Reset();
            }
            else spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}
