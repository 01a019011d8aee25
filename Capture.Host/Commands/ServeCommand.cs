using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Akka.Actor;
using Capture.Actors.Outputs;
using Capture.Actors.Protocol;
using Capture.Host.Configuration;
using Capture.Hosting.Configuration;
using Capture.Hosting;
using Capture.Host.Metrics;
using Capture.Host.Startup;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Console;
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
        var port = new Option<int?>("--metrics-port") { Description = $"Serve Prometheus metrics at http://ADDRESS:PORT/metrics (default {MetricsOptions.DefaultPort}; the address is the Metrics:Address setting, 127.0.0.1 unless set)" };
        var command = new Command("serve", "Run capture as a service with a Prometheus /metrics endpoint; settings from the Capture and Metrics sections of appsettings.json, CAPTURE_ variables or --Capture:Name=value") { port };
        command.TreatUnmatchedTokensAsErrors = false;
        // The service runs on the actor system and loads plugins: the NativeAOT build leaves it
        // to the ReadyToRun host beside it (and, the switch being a constant there, has no
        // service compiled in).
        if (ManagedHost.HandsOffAkkaPaths)
            command.SetAction(parse => ManagedHost.Replace(parse.InvocationConfiguration.Error));
        else
            command.SetAction((parse, cancellation) => Serve(parse, parse.GetValue(port), cancellation));
        return command;
    }

    static async Task<int> Serve(ParseResult parse, int? port, CancellationToken cancellation)
    {
        var error = parse.InvocationConfiguration.Error;
        string[] args = [.. parse.UnmatchedTokens];
        var builder = CreateBuilder(args, port);
        // Refused before anything starts, one line each: once the host runs, its logger
        // would print a failure as pages of exception on stdout.
        var problems = SettingsProblems(args, builder.Configuration);
        if (problems.Count > 0)
        {
            foreach (var problem in problems) error.WriteLine($"capture: {problem}");
            return 2;
        }
        using var host = builder.Build();
        var runtime = host.Services.GetRequiredService<CaptureRuntime>(); // the host disposes its services when it stops
        try
        {
            host.Services.GetRequiredService<MetricsEndpoint>().Listen();
        }
        catch (MetricsEndpointException e)
        {
            error.WriteLine($"capture: {e.Message}");
            return 1;
        }
        using var reload = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            runtime.Pipeline?.Supervisor.Tell(new ReloadDriver("SIGHUP"), ActorRefs.NoSender);
        });
        await host.RunAsync(cancellation);
        // The host logged why; the status tells systemd it failed.
        return runtime.Failure is null ? 0 : 1;
    }

    /// <summary>Command-line words that are no setting, unknown keys, values that do not convert or are not valid.</summary>
    static IReadOnlyList<string> SettingsProblems(string[] args, IConfiguration configuration)
    {
        var problems = new List<string>(ConfigurationCheck.CommandLineProblems(args));
        problems.AddRange(ConfigurationCheck.Problems<MetricsOptions>(configuration.GetSection(MetricsSection)));
        new CaptureSettings(configuration).TryRead(out var capture);
        problems.AddRange(capture);
        return problems;
    }

    const string MetricsSection = "Metrics";

    /// <summary>The service's host, as `capture serve` runs it; <paramref name="metricsPort"/>, when given, wins over the Metrics:Port setting.</summary>
    public static IHost BuildHost(string[] args, int? metricsPort = null) => CreateBuilder(args, metricsPort).Build();

    static HostApplicationBuilder CreateBuilder(string[] args, int? metricsPort)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(args);
        builder.Configuration.AddEnvironmentVariables("CAPTURE_");
        builder.Configuration.AddCommandLine(args);
        if (metricsPort is { } chosen)
            builder.Configuration.AddInMemoryCollection([new($"{MetricsSection}:{nameof(MetricsOptions.Port)}", chosen.ToString(CultureInfo.InvariantCulture))]);
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
        // The process and the runtime beside capture's own books, so one scrape shows what the
        // capture costs: CPU seconds, memory, threads, open fds (process_*), GC (dotnet_*).
        DotNetStats.Register(registry);
        builder.Services.AddSingleton<Capture.Actors.Sinks.ICaptureSink>(new BatchMetricsSink(new PrometheusBatchMetrics(registry)));
        // Bound when first resolved, after `serve` has checked the settings.
        builder.Services.AddSingleton(sp => new MetricsEndpoint(registry, sp.GetRequiredService<CaptureMetrics>(), sp.GetRequiredService<CaptureRuntime>(),
            sp.GetRequiredService<IConfiguration>().GetSection(MetricsSection).Get<MetricsOptions>() ?? new MetricsOptions()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MetricsEndpoint>());
        return builder;
    }
}
