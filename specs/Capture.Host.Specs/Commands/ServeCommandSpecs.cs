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
            Assert.Equal(0, MetricsText.Value(before, "capture_gaps"));

            CaptureProcess.Signal(serve.Id, "HUP");
            var after = await Scrape(http, port, text => MetricsText.Value(text, "capture_gaps") >= 1 && MetricsText.Value(text, "capture_driver_state") == 1);
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

    static async Task<string> Scrape(HttpClient http, int port, Func<string, bool> until)
    {
        var text = "";
        for (var i = 0; i < 150; i++)
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
