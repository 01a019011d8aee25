using Akka.Actor;
using Capture.Actors.Protocol;
using Capture.Host.Hosting;
using Prometheus;

namespace Capture.Host.Metrics;

/// <summary>
/// The pipeline's books as Prometheus metrics, read at scrape time from the same counters
/// the end-of-run summary prints, so the two always agree: events in and out of every stage,
/// drops by stage and reason, losses at the rings, and the driver's state and restarts.
/// </summary>
public sealed class CaptureMetrics
{
    readonly CaptureRuntime _runtime;
    readonly Counter _stageEvents;
    readonly Counter _stageDropped;
    readonly Counter _ringLosses;
    readonly Gauge _driverState;
    readonly Gauge _driverRestarts;

    public CaptureMetrics(CaptureRuntime runtime, CollectorRegistry registry)
    {
        _runtime = runtime;
        var metrics = Prometheus.Metrics.WithCustomRegistry(registry);
        _stageEvents = metrics.CreateCounter("capture_stage_events_total", "Events into and out of each pipeline stage", "stage", "direction");
        _stageDropped = metrics.CreateCounter("capture_stage_dropped_events_total", "Events a stage dropped, by reason", "stage", "reason");
        _ringLosses = metrics.CreateCounter("capture_ring_lost_events_total", "Events lost at the rings: dropped by the kernel, corrupt, unread at detach", "kind");
        _driverState = metrics.CreateGauge("capture_driver_state", "The driver supervisor's state: 0 negotiating, 1 running, 2 reloading, 3 failed, 4 completed");
        _driverRestarts = metrics.CreateGauge("capture_driver_restarts", "Driver restarts after faults since the last stable run");
        registry.AddBeforeCollectCallback(Update);
    }

    /// <summary>Copies the current totals into the metrics; called before every scrape.</summary>
    public async Task Update(CancellationToken cancellation)
    {
        if (_runtime.Pipeline is not { } pipeline) return;
        foreach (var stage in pipeline.Stats.Stages)
        {
            _stageEvents.WithLabels(stage.Stage, "in").IncTo(stage.In);
            _stageEvents.WithLabels(stage.Stage, "out").IncTo(stage.Out);
            foreach (var (reason, count) in stage.Dropped) _stageDropped.WithLabels(stage.Stage, reason.ToString()).IncTo(count);
        }
        var losses = pipeline.Stats.RingLosses;
        _ringLosses.WithLabels("kernel").IncTo(losses.Kernel);
        _ringLosses.WithLabels("corrupt").IncTo(losses.Corrupt);
        _ringLosses.WithLabels("unread").IncTo(losses.Unread);
        try
        {
            var status = await pipeline.Supervisor.Ask<DriverStatus>(GetDriverStatus.Instance, TimeSpan.FromSeconds(1), cancellation);
            _driverState.Set((int)status.State);
            _driverRestarts.Set(status.Restarts);
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            // A scrape during shutdown: the state gauge keeps its last value.
        }
    }
}
