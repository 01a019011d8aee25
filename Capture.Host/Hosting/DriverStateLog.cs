using Akka.Actor;
using Capture.Actors.Protocol;
using Microsoft.Extensions.Logging;

namespace Capture.Host.Hosting;

/// <summary>
/// Logs every change of the driver supervisor's state, one line each with its reason, so a
/// service's log says when the probe ran, reloaded, restarted after a fault or gave up
/// without anyone scraping /readyz at the right moment.
/// </summary>
public sealed class DriverStateLog : ReceiveActor
{
    public DriverStateLog(ILogger log)
    {
        Receive<DriverStateChanged>(changed =>
        {
            var level = changed.State == DriverState.Failed ? LogLevel.Error
                : changed.Fault is not null ? LogLevel.Warning
                : LogLevel.Information;
            log.Log(level, "driver {State} ({Restarts} restarts): {Reason}", changed.State.ToString().ToLowerInvariant(), changed.Restarts, changed.Reason ?? "starting");
        });
    }

    /// <summary>Subscribe the actor to <see cref="DriverStateChanged"/> on the system's event stream.</summary>
    public static Props Props(ILogger log) => Akka.Actor.Props.Create(() => new DriverStateLog(log));
}
