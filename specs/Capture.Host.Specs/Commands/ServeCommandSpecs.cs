using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Capture.Host.Specs.Commands;

/// <summary>`capture serve` as a process, as systemd would run it.</summary>
public sealed class ServeCommandSpecs
{
    [Fact]
    public async Task Sighup_reloads_the_driver_without_stopping_the_service_and_sigterm_stops_it_cleanly()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        using var serve = CaptureProcess.Start("serve", "--metrics-port", port.ToString(), "--Capture:Driver=Simulated");
        var output = serve.StandardOutput.ReadToEndAsync();
        var error = serve.StandardError.ReadToEndAsync();
        using var http = new HttpClient();
        try
        {
            var before = await Scrape(http, port, text => Value(text, "capture_driver_state") == 1);
            Assert.Equal(0, Value(before, "capture_gaps"));

            Signal(serve.Id, "HUP");
            var after = await Scrape(http, port, text => Value(text, "capture_gaps") >= 1 && Value(text, "capture_driver_state") == 1);
            Assert.True(Value(after, "capture_stage_events_total{stage=\"merge\",direction=\"out\"}") >
                        Value(before, "capture_stage_events_total{stage=\"merge\",direction=\"out\"}"));
        }
        finally
        {
            Signal(serve.Id, "TERM");
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

    static long Value(string exposition, string series)
    {
        var match = Regex.Match(exposition, "^" + Regex.Escape(series) + @" (\S+)$", RegexOptions.Multiline);
        return match.Success ? (long)double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    static void Signal(int pid, string signal) => Process.Start("kill", [$"-{signal}", pid.ToString()])!.WaitForExit();
}
