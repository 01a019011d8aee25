using System.CommandLine;
using System.Runtime.InteropServices;
using Akka.Actor;
using Capture.Actors.Protocol;
using Capture.Host.Hosting;
using Capture.Host.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
            using var reload = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                host.Services.GetRequiredService<CaptureRuntime>().Pipeline?.Supervisor.Tell(new ReloadDriver("SIGHUP"), ActorRefs.NoSender);
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
            return 0;
        });
        return command;
    }

    public static IHost BuildHost(string[] args, int metricsPort)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(args);
        builder.Configuration.AddEnvironmentVariables("CAPTURE_");
        builder.Configuration.AddCommandLine(args);
        builder.Services.AddSystemd();
        builder.Services.AddCapture(builder.Configuration);
        var registry = Prometheus.Metrics.NewCustomRegistry();
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton<CaptureMetrics>();
        builder.Services.AddSingleton<Capture.Actors.Sinks.ICaptureSink>(new BatchMetricsSink(registry));
        builder.Services.AddHostedService(sp => new MetricsEndpoint(registry, sp.GetRequiredService<CaptureMetrics>(), metricsPort));
        return builder.Build();
    }
}
