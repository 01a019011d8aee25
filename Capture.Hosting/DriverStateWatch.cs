using Akka.Actor;
using Capture.Actors.Protocol;
using Microsoft.Extensions.Logging;

namespace Capture.Hosting;

/// <summary>
/// Follows the driver supervisor's state changes: logs each in one line with its reason, so a
/// service's log says when the probe ran, reloaded, restarted after a fault or gave up without
/// anyone scraping /readyz at the right moment; and counts restarts after faults into
/// <see cref="CaptureRuntime.DriverRestarts"/>, since the supervisor's own count starts over.
/// </summary>
public sealed class DriverStateWatch : ReceiveActor
{
    public DriverStateWatch(ILogger log, CaptureRuntime runtime)
    {
        Receive<DriverStateChanged>(changed =>
        {
            // A restart is the supervisor negotiating again because of a fault; the first start
            // and a reload negotiate without one.
            if (changed.State == DriverState.Negotiating && changed.Fault is not null) runtime.DriverRestarted();
            var level = changed.State == DriverState.Failed ? LogLevel.Error
                : changed.Fault is not null ? LogLevel.Warning
                : LogLevel.Information;
            log.Log(level, "driver {State} ({Restarts} restarts in a row): {Reason}", changed.State.ToString().ToLowerInvariant(), changed.Restarts, changed.Reason ?? "starting");
        });
    }

    /// <summary>Subscribe the actor to <see cref="DriverStateChanged"/> on the system's event stream.</summary>
    public static Props Props(ILogger log, CaptureRuntime runtime) => Akka.Actor.Props.Create(() => new DriverStateWatch(log, runtime));
}
