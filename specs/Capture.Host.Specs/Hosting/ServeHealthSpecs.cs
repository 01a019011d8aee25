using System.Diagnostics;
using Capture.Actors.Protocol;
using Capture.Host.Commands;
using Capture.Hosting;
using Capture.Host.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Capture.Host.Specs.Hosting;

/// <summary>/healthz and /readyz of `capture serve`'s host while its driver cannot run, until the service gives up on it.</summary>
public sealed class ServeHealthSpecs
{
    [Fact]
    public async Task Readyz_is_503_until_the_driver_runs_and_after_it_failed_while_healthz_fails_only_once_the_capture_has_failed()
    {
        var port = MetricsText.FreePort();
        // Not a capture: every load fails, the supervisor restarts it with backoff and then gives up.
        using var host = ServeCommand.BuildHost(["--Capture:Driver=Replay", "--Capture:ReplayFile=/etc/passwd"], port);
        await host.StartAsync();
        var runtime = host.Services.GetRequiredService<CaptureRuntime>();
        using var http = new HttpClient();
        var before = await Answer(http, port, "readyz");
        var healthBefore = await Answer(http, port, "healthz");

        var waited = Stopwatch.StartNew();
        while (runtime.Failure is null)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "the supervisor must give up on a driver that never loads");
            await Task.Delay(100);
        }
        // The host is asked to stop but is still up (only StopAsync ends it): what a scraper sees in between.
        var after = await Answer(http, port, "readyz");
        var healthAfter = await Answer(http, port, "healthz");
        await host.StopAsync();

        Assert.Equal(503, before.Code);
        Assert.Matches("^not ready: (capture has not started|driver negotiating)", before.Text);
        Assert.Equal(200, healthBefore.Code);
        Assert.Equal(503, after.Code);
        Assert.StartsWith("not ready: driver failed: gave up after 5 restarts; last fault: loading replay of /etc/passwd failed", after.Text);
        Assert.Equal(503, healthAfter.Code);
        Assert.StartsWith("failed: gave up after 5 restarts", healthAfter.Text);
    }

    [Fact]
    public void Healthz_is_ok_while_the_capture_starts_or_runs_and_not_once_it_failed_or_its_supervisor_is_gone()
    {
        var running = new DriverStatus(DriverState.Running, "simulated", 0, null, null);
        Assert.Equal((200, "ok: capture is starting"), MetricsEndpoint.Health(null, notStarted: true, null));
        Assert.Equal((200, "ok"), MetricsEndpoint.Health(null, notStarted: false, running));
        Assert.Equal((200, "ok"), MetricsEndpoint.Health(null, notStarted: false, running with { State = DriverState.Negotiating }));
        Assert.Equal((503, "failed: gave up"), MetricsEndpoint.Health(null, notStarted: false, running with { State = DriverState.Failed, Reason = "gave up" }));
        Assert.Equal((503, "failed: no BTF"), MetricsEndpoint.Health("no BTF", notStarted: false, null));
        Assert.Equal((503, "the driver supervisor does not answer"), MetricsEndpoint.Health(null, notStarted: false, null));
    }

    static async Task<(int Code, string Text)> Answer(HttpClient http, int port, string path)
    {
        using var answer = await http.GetAsync($"http://127.0.0.1:{port}/{path}");
        return ((int)answer.StatusCode, (await answer.Content.ReadAsStringAsync()).TrimEnd('\n'));
    }
}
