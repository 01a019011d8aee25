using Microsoft.Extensions.Hosting;
using Prometheus;

namespace Capture.Host.Metrics;

/// <summary>Serves <see cref="CaptureMetrics"/> at http://127.0.0.1:PORT/metrics while the host runs.</summary>
public sealed class MetricsEndpoint(CollectorRegistry registry, CaptureMetrics metrics, int port) : IHostedService
{
    MetricServer? _server;

    public CaptureMetrics Metrics => metrics;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _server = new MetricServer("127.0.0.1", port, "metrics/", registry);
        try
        {
            _server.Start();
        }
        catch (System.Net.HttpListenerException e)
        {
            _server = null;
            throw new MetricsEndpointException(port, e);
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null) await _server.StopAsync();
    }
}
