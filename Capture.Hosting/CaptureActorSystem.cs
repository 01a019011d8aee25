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
    // logger writes to stdout, which carries the command's events: it stays silent.
    const string Settings = """
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        akka.stdout-loglevel = OFF
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
