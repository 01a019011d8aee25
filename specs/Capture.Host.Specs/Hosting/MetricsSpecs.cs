using Capture.Host.Commands;
using Capture.Hosting;
using Capture.Host.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Capture.Host.Specs.Hosting;

/// <summary>`capture serve`'s host on the simulated driver: the /metrics endpoint against the pipeline's own books.</summary>
public sealed class MetricsSpecs
{
    [Fact]
    public async Task The_metrics_endpoint_serves_the_pipelines_counters_and_they_match_its_stats()
    {
        var port = MetricsText.FreePort();
        using var host = ServeCommand.BuildHost(["--Capture:Driver=Simulated"], port);
        await host.StartAsync();
        var pipeline = await host.Services.GetRequiredService<CaptureRuntime>().Started.WaitAsync(TimeSpan.FromSeconds(10));
        using var http = new HttpClient();
        var scraped = "";
        for (var i = 0; i < 100 && MetricsText.Value(scraped, "capture_stage_events_total{stage=\"merge\",direction=\"out\"}") < 1000; i++)
        {
            await Task.Delay(100);
            scraped = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
        }
        Assert.True(MetricsText.Value(scraped, "capture_stage_events_total{stage=\"merge\",direction=\"out\"}") >= 1000, scraped);
        Assert.Equal(1, MetricsText.Value(scraped, "capture_driver_state"));
        Assert.True(MetricsText.Value(scraped, "capture_merged_batch_events_count") > 0);
        Assert.True(MetricsText.Value(scraped, "capture_sink_queued_events{sink=\"metrics\"}") >= 0);
        Assert.Matches(@"(?m)^capture_merge_lag_seconds \S+$", scraped);

        await host.StopAsync();
        // After the stop every stage is final: one more collection must equal the stats exactly.
        await host.Services.GetRequiredService<CaptureMetrics>().Update(CancellationToken.None);
        var registry = host.Services.GetRequiredService<Prometheus.CollectorRegistry>();
        using var final = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(final);
        var text = System.Text.Encoding.UTF8.GetString(final.ToArray());
        foreach (var stage in pipeline.Stats.Stages)
        {
            Assert.Equal(stage.In, MetricsText.Value(text, $"capture_stage_events_total{{stage=\"{stage.Stage}\",direction=\"in\"}}"));
            Assert.Equal(stage.Out, MetricsText.Value(text, $"capture_stage_events_total{{stage=\"{stage.Stage}\",direction=\"out\"}}"));
        }
        Assert.Equal(pipeline.Stats.RingLosses.Kernel, MetricsText.Value(text, "capture_ring_lost_events_total{kind=\"kernel\"}"));
    }

    [KernelFact]
    public async Task On_the_real_probe_the_endpoint_serves_the_kernels_counters_per_cpu()
    {
        var port = MetricsText.FreePort();
        using var host = ServeCommand.BuildHost(["--Capture:Driver=Modern"], port);
        await host.StartAsync();
        await host.Services.GetRequiredService<CaptureRuntime>().Started.WaitAsync(TimeSpan.FromSeconds(10));
        using var http = new HttpClient();
        var scraped = "";
        for (var i = 0; i < 100 && MetricsText.Value(scraped, "capture_kernel_events_seen_total{cpu=\"0\"}") + MetricsText.Value(scraped, "capture_kernel_events_seen_total{cpu=\"1\"}") <= 0; i++)
        {
            await Task.Delay(100);
            scraped = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
        }
        await host.StopAsync();
        Assert.True(MetricsText.Value(scraped, "capture_kernel_events_seen_total{cpu=\"0\"}") + MetricsText.Value(scraped, "capture_kernel_events_seen_total{cpu=\"1\"}") > 0, scraped);
        Assert.Matches("(?m)^capture_kernel_dropped_events_total\\{cpu=\"0\",reason=\"ring_full\"\\} \\d+$", scraped);
    }

    [Fact]
    public async Task Metrics_follow_prometheus_conventions_and_include_the_process_and_the_runtime()
    {
        var port = MetricsText.FreePort();
        // 127.0.0.2 is loopback too: the endpoint must listen where Metrics:Address says, and only there.
        using var host = ServeCommand.BuildHost(["--Capture:Driver=Simulated", "--Metrics:Address=127.0.0.2"], port);
        await host.StartAsync();
        await host.Services.GetRequiredService<CaptureRuntime>().Started.WaitAsync(TimeSpan.FromSeconds(10));
        using var http = new HttpClient();
        var scraped = await http.GetStringAsync($"http://127.0.0.2:{port}/metrics");
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync($"http://127.0.0.1:{port}/metrics"));
        await host.StopAsync();

        var types = System.Text.RegularExpressions.Regex.Matches(scraped, @"(?m)^# TYPE (\S+) (\S+)$").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal("counter", types["capture_gaps_total"]);
        Assert.Equal("counter", types["capture_driver_restarts_total"]);
        Assert.Equal("gauge", types["capture_driver_restarts_in_a_row"]);
        Assert.Equal("counter", types["process_cpu_seconds_total"]);
        Assert.Equal("gauge", types["process_working_set_bytes"]);
        Assert.Equal("counter", types["dotnet_collection_count_total"]);
        Assert.DoesNotContain("capture_gaps", types.Keys);
        Assert.DoesNotContain("capture_driver_restarts", types.Keys);
        // Counters, and only counters, end in _total.
        Assert.All(types, t => Assert.Equal(t.Key.EndsWith("_total", StringComparison.Ordinal), t.Value == "counter"));
    }
}
