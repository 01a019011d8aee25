using System.CommandLine;
using System.Runtime.InteropServices;
using Akka.Actor;
using Capture.Actors.Outputs;
using Capture.Actors.Protocol;
using Capture.Host.Hosting;
using Capture.Host.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Capture.Host.Commands;

/// <summary>
/// `capture serve`: the capture as a long-lived service (systemd-aware), configured from
/// appsettings.json, CAPTURE_ environment variables and the command line, with a Prometheus
/// endpoint. SIGHUP asks the supervisor to reload the driver without stopping the stream.
/// </summary>
public static class ServeCommand
{
    public static Command Build()
    {
        var port = new Option<int>("--metrics-port") { Description = "Serve Prometheus metrics at http://127.0.0.1:PORT/metrics", DefaultValueFactory = _ => 9477 };
        var command = new Command("serve", "Run capture as a service with a Prometheus /metrics endpoint; settings from the Capture section of appsettings.json, CAPTURE_ variables or --Capture:Name=value") { port };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellation) =>
        {
            using var host = BuildHost([.. parse.UnmatchedTokens], parse.GetValue(port));
            var runtime = host.Services.GetRequiredService<CaptureRuntime>(); // the host disposes its services when it stops
            using var reload = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                runtime.Pipeline?.Supervisor.Tell(new ReloadDriver("SIGHUP"), ActorRefs.NoSender);
            });
            try
            {
                await host.RunAsync(cancellation);
            }
            catch (OptionsValidationException e)
            {
                // The host has logged it too; the command still ends with the one line that matters.
                parse.InvocationConfiguration.Error.WriteLine($"capture: {e.Message}");
                return 2;
            }
            catch (MetricsEndpointException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"capture: {e.Message}");
                return 1;
            }
            // The host logged why; the status tells systemd it failed.
            return runtime.Failure is null ? 0 : 1;
        });
        return command;
    }

    public static IHost BuildHost(string[] args, int metricsPort)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(args);
        builder.Configuration.AddEnvironmentVariables("CAPTURE_");
        builder.Configuration.AddCommandLine(args);
        builder.Services.AddSystemd();
        // One line per message outside systemd too; under systemd, AddSystemd has chosen its own
        // one-line formatter and ??= keeps it. Naming the formatter matters: without a name the
        // console logger rebuilds the simple formatter's options and drops SingleLine.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName ??= ConsoleFormatterNames.Simple);
        builder.Services.Configure<SimpleConsoleFormatterOptions>(o => o.SingleLine = true);
        builder.Services.AddCapture(builder.Configuration);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton<CaptureMetrics>();
        builder.Services.AddSingleton<Capture.Actors.Sinks.ICaptureSink>(new BatchMetricsSink(new PrometheusBatchMetrics(registry)));
        builder.Services.AddHostedService(sp => new MetricsEndpoint(registry, sp.GetRequiredService<CaptureMetrics>(), sp.GetRequiredService<CaptureRuntime>(), metricsPort));
        return builder.Build();
    }
}
