using Akka.Actor;
using Capture.Actors.Drivers;
using Capture.Actors.Protocol;
using Capture.Hosting;
using Prometheus;

namespace Capture.Host.Metrics;

/// <summary>
/// The pipeline's books as Prometheus metrics, read at scrape time from the same counters
/// the end-of-run summary prints, so the two always agree: events in and out of every stage,
/// drops by stage and reason, sink queue depths, losses at the rings, the probe's per-CPU
/// counters, and the driver's state, restarts and gaps. Names follow Prometheus's conventions:
/// what only grows is a counter ending in _total, units are in the name.
/// </summary>
public sealed class CaptureMetrics
{
    readonly CaptureRuntime _runtime;
    readonly Counter _stageEvents;
    readonly Counter _stageDropped;
    readonly Counter _ringLosses;
    readonly Gauge _driverState;
    readonly Gauge _driverRestartsInARow;
    readonly Counter _driverRestarts;
    readonly Gauge _sinkQueued;
    readonly Counter _gaps;
    readonly Counter _kernelSeen;
    readonly Counter _kernelDropped;
    readonly Counter _outputEvents;
    readonly Counter _outputFileEvents;
    // Per output name, what outputs of that name that were closed had counted: an output
    // reopened by a pipeline restart counts from 0, its metric goes on from where it was.
    readonly Dictionary<string, OutputBooks> _outputs = [];

    /// <summary>One output's counts now, and what the closed outputs of its name had counted.</summary>
    readonly record struct OutputBooks(ServeOutput Output, OutputCounts Now, OutputCounts Closed);

    readonly record struct OutputCounts(long Written, long Filtered, long FileEvents)
    {
        public static OutputCounts Of(ServeOutput output) => new(output.Written, output.FilteredOut, output.FileEvents ?? 0);

        public OutputCounts Plus(OutputCounts other) => new(Written + other.Written, Filtered + other.Filtered, FileEvents + other.FileEvents);
    }

    public CaptureMetrics(CaptureRuntime runtime, CollectorRegistry registry)
    {
        _runtime = runtime;
        var metrics = Prometheus.Metrics.WithCustomRegistry(registry);
        _stageEvents = metrics.CreateCounter("capture_stage_events_total", "Events into and out of each pipeline stage", "stage", "direction");
        _stageDropped = metrics.CreateCounter("capture_stage_dropped_events_total", "Events a stage dropped, by reason", "stage", "reason");
        _ringLosses = metrics.CreateCounter("capture_ring_lost_events_total", "Events lost at the rings: dropped by the kernel, corrupt, unread at detach, lost to an unreadable ring", "kind");
        _driverState = metrics.CreateGauge("capture_driver_state", "The driver supervisor's state: 0 negotiating, 1 running, 2 reloading, 3 failed, 4 completed");
        _driverRestartsInARow = metrics.CreateGauge("capture_driver_restarts_in_a_row", "Driver restarts after faults since the last stable run (back to 0 after a minute of running; the service gives up above its limit)");
        _driverRestarts = metrics.CreateCounter("capture_driver_restarts_total", "Driver restarts after faults since the service started");
        _gaps = metrics.CreateCounter("capture_gaps_total", "Holes in the stream: driver reloads and restarts after faults");
        _sinkQueued = metrics.CreateGauge("capture_sink_queued_events", "Events handed to a sink and not yet written or dropped: its queue depth", "sink");
        _kernelSeen = metrics.CreateCounter("capture_kernel_events_seen_total", "Events the kernel side (eBPF probe or kernel module) saw, per CPU (rate() gives per-CPU event rates)", "cpu");
        _kernelDropped = metrics.CreateCounter("capture_kernel_dropped_events_total", "Events the kernel side (eBPF probe or kernel module) could not deliver, per CPU and reason", "cpu", "reason");
        _outputEvents = metrics.CreateCounter("capture_output_events_total", "Events each configured output (Capture:Outputs) wrote, and those its filters left out", "output", "outcome");
        _outputFileEvents = metrics.CreateCounter("capture_output_file_events_total",
            "Events in the scap files of each scap output, as readers count them: those written, with Sysdig2022 plus the enter event written before each exit and less the events that layout cannot hold", "output");
        registry.AddBeforeCollectCallback(Update);
    }

    /// <summary>Copies the current totals into the metrics; called before every scrape.</summary>
    public async Task Update(CancellationToken cancellation)
    {
        if (_runtime.Pipeline is not { } pipeline) return;
        // A pipeline restart (outputs or plugins changed) starts new books: the finished ones are
        // added in, so that every counter goes on growing.
        var books = _runtime.FinishedPipelines.Append(pipeline.Stats).ToList();
        foreach (var stage in books.SelectMany(b => b.Stages).GroupBy(s => s.Stage))
        {
            _stageEvents.WithLabels(stage.Key, "in").IncTo(stage.Sum(s => s.In));
            _stageEvents.WithLabels(stage.Key, "out").IncTo(stage.Sum(s => s.Out));
            foreach (var reason in stage.SelectMany(s => s.Dropped).GroupBy(d => d.Key))
                _stageDropped.WithLabels(stage.Key, reason.Key.ToString()).IncTo(reason.Sum(d => d.Value));
        }
        foreach (var stage in pipeline.Stats.Stages.Where(s => s.Stage.StartsWith("sink ", StringComparison.Ordinal)))
            _sinkQueued.WithLabels(stage.Stage[5..]).Set(stage.In - stage.Out - stage.DroppedTotal);
        UpdateOutputs();
        if (_runtime.Loader is IKernelCounterSource counting && counting.TotalCounters() is { } kernel)
            for (var cpu = 0; cpu < kernel.PerCpu.Count; cpu++)
            {
                var c = kernel.PerCpu[cpu];
                var label = cpu.ToString(System.Globalization.CultureInfo.InvariantCulture);
                // The loader adds every detached instance's final counts to the live one's, so these
                // only grow across reloads and IncTo copies them exactly.
                _kernelSeen.WithLabels(label).IncTo(c.EventsSeen);
                _kernelDropped.WithLabels(label, "ring_full").IncTo(c.DroppedRingFull);
                _kernelDropped.WithLabels(label, "too_large").IncTo(c.DroppedTooLarge);
                _kernelDropped.WithLabels(label, "no_buffer").IncTo(c.DroppedNoBuffer);
            }
        _gaps.IncTo(books.Sum(b => b.Gaps.Count) + books.Count - 1);
        _driverRestarts.IncTo(_runtime.DriverRestarts);
        var losses = books.Select(b => b.RingLosses).ToList();
        _ringLosses.WithLabels("kernel").IncTo(losses.Sum(l => l.Kernel));
        _ringLosses.WithLabels("corrupt").IncTo(losses.Sum(l => l.Corrupt));
        _ringLosses.WithLabels("unread").IncTo(losses.Sum(l => l.Unread));
        _ringLosses.WithLabels("unreadable").IncTo(losses.Sum(l => l.Unreadable));
        try
        {
            var status = await pipeline.Supervisor.Ask<DriverStatus>(GetDriverStatus.Instance, TimeSpan.FromSeconds(1), cancellation);
            _driverState.Set((int)status.State);
            _driverRestartsInARow.Set(status.Restarts);
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            // A scrape during shutdown: the state gauge keeps its last value.
        }
    }

    void UpdateOutputs()
    {
        lock (_outputs)
        {
            foreach (var output in _runtime.Outputs)
            {
                var seen = _outputs.GetValueOrDefault(output.Name, new OutputBooks(output, default, default));
                if (!ReferenceEquals(seen.Output, output)) seen = new OutputBooks(output, default, seen.Closed.Plus(seen.Now));
                var books = seen with { Now = OutputCounts.Of(output) };
                _outputs[output.Name] = books;
                var total = books.Closed.Plus(books.Now);
                _outputEvents.WithLabels(output.Name, "written").IncTo(total.Written);
                _outputEvents.WithLabels(output.Name, "filtered").IncTo(total.Filtered);
                if (output.FileEvents is not null) _outputFileEvents.WithLabels(output.Name).IncTo(total.FileEvents);
            }
        }
    }
}
