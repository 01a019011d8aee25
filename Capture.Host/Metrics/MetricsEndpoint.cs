using System.Net;
using System.Text;
using Akka.Actor;
using Capture.Actors.Protocol;
using Capture.Host.Configuration;
using Capture.Hosting;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace Capture.Host.Metrics;

/// <summary>
/// Serves, at http://ADDRESS:PORT (<see cref="MetricsOptions"/>) while the host runs: <c>/metrics</c> (<see cref="CaptureMetrics"/>
/// for Prometheus), <c>/healthz</c> (200 while the capture has not failed and its supervisor answers) and <c>/readyz</c>
/// (200 only while the driver runs; otherwise 503 with the supervisor's state and its reason,
/// such as a capability the probe lacks or the fault it is restarting after).
/// </summary>
public sealed class MetricsEndpoint(CollectorRegistry registry, CaptureMetrics metrics, CaptureRuntime runtime, MetricsOptions options) : IHostedService
{
    static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(1);

    readonly HttpListener _listener = new();
    readonly CancellationTokenSource _stopping = new();
    Task _serving = Task.CompletedTask;

    public CaptureMetrics Metrics => metrics;

    /// <summary>
    /// Takes the address; `serve` calls it before the host starts, so that an address in use is
    /// one line of its own and not a host start-up failure logged with its stack.
    /// </summary>
    public void Listen()
    {
        if (_listener.IsListening) return;
        _listener.Prefixes.Add(ListenPrefix(options));
        try
        {
            _listener.Start();
        }
        catch (HttpListenerException e)
        {
            throw new MetricsEndpointException(options, e);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Listen();
        _serving = Task.Run(ServeAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// HttpListener matches requests by the host they name, so "every address" must be its
    /// wildcard, not 0.0.0.0 (which no request names); an IPv6 address goes in brackets.
    /// </summary>
    static string ListenPrefix(MetricsOptions options)
    {
        var host = options.Address switch
        {
            "0.0.0.0" or "::" or "*" or "+" => "+",
            var a when IPAddress.TryParse(a, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 => $"[{a}]",
            var a => a,
        };
        return $"http://{host}:{options.Port}/";
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _serving;
        _listener.Close();
    }

    async Task ServeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return; // stopped
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            switch (context.Request.Url?.AbsolutePath.TrimEnd('/'))
            {
                case "/metrics":
                    response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                    await registry.CollectAndExportAsTextAsync(response.OutputStream, _stopping.Token);
                    break;
                case "/healthz":
                    var (healthCode, healthText) = Health(runtime.Failure, runtime.Pipeline is null, await StatusAsync());
                    await WriteAsync(response, healthCode, healthText);
                    break;
                case "/readyz":
                    var (code, text) = Readiness(await StatusAsync());
                    await WriteAsync(response, code, text);
                    break;
                default:
                    await WriteAsync(response, 404, "not found: try /metrics, /healthz or /readyz");
                    break;
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or OperationCanceledException)
        {
            // The scraper went away, or the host is stopping: nobody is left to answer.
        }
        finally
        {
            response.Close();
        }
    }

    /// <summary>
    /// Healthy means the process is up and the capture has not failed: also while it has not
    /// started yet, or a driver restarts after a fault (that is readiness's business). A capture
    /// that failed, or a supervisor that no longer answers, is not.
    /// </summary>
    public static (int Code, string Text) Health(string? failure, bool notStarted, DriverStatus? status) => (failure, status) switch
    {
        ({ } why, _) => (503, $"failed: {why}"),
        (_, { State: DriverState.Failed }) => (503, $"failed: {status.Reason}"),
        (_, not null) => (200, "ok"),
        _ when notStarted => (200, "ok: capture is starting"),
        _ => (503, "the driver supervisor does not answer"),
    };

    /// <summary>Ready means the driver runs; anything else says where the supervisor is and why.</summary>
    public static (int Code, string Text) Readiness(DriverStatus? status) => status switch
    {
        null => (503, "not ready: capture has not started"),
        { State: DriverState.Running } => (200, $"ready: {status.Reason}"),
        _ => (503, $"not ready: driver {status.State.ToString().ToLowerInvariant()}: {status.Reason}"),
    };

    async Task<DriverStatus?> StatusAsync()
    {
        if (runtime.Pipeline is not { } pipeline) return null;
        try
        {
            return await pipeline.Supervisor.Ask<DriverStatus>(GetDriverStatus.Instance, StatusTimeout, _stopping.Token);
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return null;
        }
    }

    static async Task WriteAsync(HttpListenerResponse response, int code, string text)
    {
        response.StatusCode = code;
        response.ContentType = "text/plain; charset=utf-8";
        await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(text + "\n"));
    }
}
