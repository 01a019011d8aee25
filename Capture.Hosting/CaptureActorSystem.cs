using Akka.Event;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Capture.Hosting;

/// <summary>
/// The one place capture's actor system is configured, whichever way capture runs: `serve` and
/// programs that embed it (<see cref="CaptureHostingExtensions.AddCapture"/>), and the command
/// when it runs the pipeline (live, or a file replayed through it; the command's CommandHost).
/// Akka.Hosting creates the system when the host starts and shuts it down when the host stops.
/// </summary>
public static class CaptureActorSystem
{
    public const string Name = "capture";

    // The host, not the CLR exit hook, shuts the actor system down: hosted services stop in
    // reverse order, so the capture drains its sinks before Akka goes away. Akka's fallback
    // logger writes to stdout, which carries the command's events: it stays silent. The
    // scheduler's clock ticks every 50 ms instead of 10: each tick wakes the runtime's timer
    // thread and a pool thread, and at 10 ms those wake-ups were a fifth of capture's context
    // switches at full rate (`capture -q` under a getppid loop: the timer thread's switches
    // went from 1,300 to 395 in 5 s). Nothing of the pipeline waits on a timer finer than
    // that: data and watermarks wake the stream, timers only back them up.
    const string Settings = """
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        akka.stdout-loglevel = OFF
        akka.scheduler.tick-duration = 50ms
        """;

    public static IServiceCollection AddCaptureActorSystem(this IServiceCollection services, ActorSystemLog log) =>
        services.AddAkka(Name, akka => akka
            .AddHocon(Settings, HoconAddMode.Prepend)
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                // Dead letters while shutting down are the stream's last elements in flight, not news.
                loggers.DeadLetterOptions = new DeadLetterOptions
                {
                    LogDuringShutdown = false,
                    ShouldLog = log == ActorSystemLog.Stderr ? TriStateValue.None : TriStateValue.Some,
                };
                if (log == ActorSystemLog.HostLoggers)
                {
                    loggers.AddLoggerFactory();
                }
                else
                {
                    loggers.LogLevel = LogLevel.WarningLevel;
                    loggers.AddLogger<StderrLogger>();
                }
            }));
}
