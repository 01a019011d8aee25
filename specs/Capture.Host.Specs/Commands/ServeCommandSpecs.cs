using Capture.Actors.Protocol;
using Capture.Host.Metrics;
using Capture.Host.Specs.Hosting;

namespace Capture.Host.Specs.Commands;

/// <summary>`capture serve` as a process, as systemd would run it.</summary>
public sealed class ServeCommandSpecs
{
    [Fact]
    public async Task Sighup_reloads_the_driver_without_stopping_the_service_and_sigterm_stops_it_cleanly()
    {
        var port = MetricsText.FreePort();
        using var serve = CaptureProcess.Start("serve", "--metrics-port", port.ToString(), "--Capture:Driver=Simulated");
        var output = serve.StandardOutput.ReadToEndAsync();
        var error = serve.StandardError.ReadToEndAsync();
        using var http = new HttpClient();
        try
        {
            var before = await Scrape(http, port, text => MetricsText.Value(text, "capture_driver_state") == 1);
            Assert.Equal(0, MetricsText.Value(before, "capture_gaps_total"));

            CaptureProcess.Signal(serve.Id, "HUP");
            string after;
            try
            {
                after = await Scrape(http, port, text => MetricsText.Value(text, "capture_gaps_total") >= 1 && MetricsText.Value(text, "capture_driver_state") == 1);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                // What the service said is what tells why: put it in the failure.
                CaptureProcess.Signal(serve.Id, "TERM");
                await serve.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
                throw new Xunit.Sdk.XunitException($"{e.Message}\n--- serve's stdout:\n{await output}\n--- serve's stderr:\n{await error}");
            }
            Assert.True(MetricsText.Value(after, "capture_stage_events_total{stage=\"merge\",direction=\"out\"}") >
                        MetricsText.Value(before, "capture_stage_events_total{stage=\"merge\",direction=\"out\"}"));
        }
        finally
        {
            CaptureProcess.Signal(serve.Id, "TERM");
            await serve.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        Assert.Equal(0, serve.ExitCode);
        Assert.Contains("Application is shutting down", await output);
        await error;
    }

    [Fact]
    public void A_metrics_port_in_use_or_a_bad_setting_ends_the_service_with_one_line_saying_which()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var busy = CaptureProcess.Run("serve", "--metrics-port", port.ToString(), "--Capture:Driver=Simulated");
        Assert.Equal(1, busy.ExitCode);
        Assert.Equal($"capture: cannot serve metrics at http://127.0.0.1:{port}/metrics: Address already in use (choose another with --metrics-port or Metrics:Address)",
            busy.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.DoesNotContain("Unhandled exception", busy.Error);

        var bad = CaptureProcess.Run("serve", "--metrics-port", MetricsText.FreePort().ToString(), "--Capture:Driver=Simulated", "--Capture:BufferBytes=3000");
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("capture: buffer size 3000 must be a power of two", bad.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.DoesNotContain("Unhandled exception", bad.Error);
    }

    [Fact]
    public async Task Readyz_says_ready_once_the_driver_runs_and_healthz_that_the_service_answers()
    {
        var port = MetricsText.FreePort();
        using var serve = CaptureProcess.Start("serve", "--metrics-port", port.ToString(), "--Capture:Driver=Simulated");
        var output = serve.StandardOutput.ReadToEndAsync();
        var error = serve.StandardError.ReadToEndAsync();
        using var http = new HttpClient();
        try
        {
            var ready = "";
            for (var i = 0; i < 300 && !ready.StartsWith("ready", StringComparison.Ordinal); i++)
            {
                await Task.Delay(100);
                try
                {
                    using var answer = await http.GetAsync($"http://127.0.0.1:{port}/readyz");
                    ready = await answer.Content.ReadAsStringAsync();
                    Assert.Equal(ready.StartsWith("ready", StringComparison.Ordinal) ? 200 : 503, (int)answer.StatusCode);
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
            }
            Assert.StartsWith("ready: simulated: API ", ready);

            using var health = await http.GetAsync($"http://127.0.0.1:{port}/healthz");
            Assert.Equal(200, (int)health.StatusCode);
            Assert.Equal("ok\n", await health.Content.ReadAsStringAsync());
            using var unknown = await http.GetAsync($"http://127.0.0.1:{port}/nothing");
            Assert.Equal(404, (int)unknown.StatusCode);
        }
        finally
        {
            CaptureProcess.Signal(serve.Id, "TERM");
            await serve.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        Assert.Equal(0, serve.ExitCode);
        await output;
        await error;
    }

    [Fact]
    public void Readyz_is_not_ready_while_the_driver_does_not_run_and_says_its_state_and_why()
    {
        const string reason = "loading modern_bpf failed: the eBPF probe cannot be used here: missing capability CAP_PERFMON";
        Assert.Equal((503, $"not ready: driver negotiating: {reason}"),
            MetricsEndpoint.Readiness(new DriverStatus(DriverState.Negotiating, reason, 2, null, null)));
        Assert.Equal((503, "not ready: capture has not started"), MetricsEndpoint.Readiness(null));
    }

    static async Task<string> Scrape(HttpClient http, int port, Func<string, bool> until)
    {
        var text = "";
        for (var i = 0; i < 300; i++)
        {
            await Task.Delay(100);
            try
            {
                text = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
            }
            catch (HttpRequestException)
            {
                continue; // not listening yet
            }
            if (until(text)) return text;
        }
        throw new Xunit.Sdk.XunitException($"the metrics never showed what was awaited:\n{text}");
    }
}
