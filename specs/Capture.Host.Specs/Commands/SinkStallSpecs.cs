using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Capture.Host.Specs.Commands;

/// <summary>
/// A plugin sink that never returns from a write (the spec plugin "stalls"), lossless or
/// lossy: the command cuts it off at --sink-timeout, says so, and finishes; -M, -n and Ctrl-C
/// still stop a capture while it hangs.
/// </summary>
public sealed class SinkStallSpecs : IDisposable
{
    readonly string _plugins = PluginBuilds.Directory(("stalls", PluginBuilds.SpecStalls));

    public void Dispose() => Directory.Delete(_plugins, recursive: true);

    static Dictionary<string, string> Delivery(bool lossless) => new() { ["CAPTURE_Plugins__stalls__Lossy"] = lossless ? "false" : "true" };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_file_read_through_a_plugin_sink_that_hangs_finishes_with_every_event_printed(bool lossless)
    {
        var fixture = RepoPaths.Fixture("libs-curl_google.scap");
        var result = RunWithin(TimeSpan.FromSeconds(90), Delivery(lossless), "-r", fixture, "--plugins", _plugins, "--sink-timeout", "1");

        Assert.Equal(0, result.ExitCode); // the output is whole; only a plugin's sink was lost
        Assert.Equal(CaptureProcess.Run("-r", fixture).Output, result.Output);
        Assert.Contains("capture: error: sink stalls/forever stalled: its write call made no progress for ", result.Error);
        var lost = Regex.Match(result.Error, @"(\d+) SinkStalled at sink stalls/forever");
        Assert.True(lost.Success && long.Parse(lost.Groups[1].Value) > 0, result.Error);
    }

    [Theory]
    [InlineData("-M", "3")]
    [InlineData("-n", "2000")]
    public void A_limit_stops_a_capture_while_a_lossless_plugin_sink_hangs(string flag, string value)
    {
        var result = RunWithin(TimeSpan.FromSeconds(60), Delivery(lossless: true),
            "--driver", "simulated", "--plugins", _plugins, "--sink-timeout", "1", flag, value);

        Assert.Equal(0, result.ExitCode);
        if (flag == "-n") Assert.Equal(2000, result.Lines.Length);
        Assert.Contains("sink stalls/forever stalled", result.Error);
    }

    [Fact]
    public async Task Ctrl_C_stops_a_capture_while_a_lossless_plugin_sink_hangs()
    {
        using var capture = CaptureProcess.Start("--driver", "simulated", "-q", "--plugins", _plugins, "--sink-timeout", "1");
        var output = capture.StandardOutput.ReadToEndAsync();
        try
        {
            // The sink hangs from its first write; Ctrl-C once the stall has held the stream back.
            var seen = new System.Text.StringBuilder();
            string? line;
            while ((line = await capture.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))) is not null)
            {
                seen.AppendLine(line);
                if (line.Contains("sink stalls/forever stalled")) break;
            }
            Assert.True(line is not null, $"the hanging sink was never reported: {seen}");
            CaptureProcess.Signal(capture.Id, "INT");
            var rest = capture.StandardError.ReadToEndAsync();
            Assert.True(capture.WaitForExit(TimeSpan.FromSeconds(30)), "capture ignored Ctrl-C after a plugin sink hung");
            Assert.Equal(0, capture.ExitCode);
            Assert.Matches(@"\d+ SinkStalled at sink stalls/forever", await rest);
            Assert.Empty(await output);
        }
        finally
        {
            if (!capture.HasExited) capture.Kill();
        }
    }

    /// <summary>Runs capture, killing it (and failing) if it has not finished within <paramref name="limit"/>.</summary>
    static CaptureProcess.Result RunWithin(TimeSpan limit, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var capture = CaptureProcess.Start(environment, args);
        var output = capture.StandardOutput.ReadToEndAsync();
        var error = capture.StandardError.ReadToEndAsync();
        var exited = capture.WaitForExit(limit);
        if (!exited) capture.Kill();
        Assert.True(exited, $"capture {string.Join(' ', args)} did not finish within {limit.TotalSeconds} s");
        return new CaptureProcess.Result(capture.ExitCode, output.Result, error.Result);
    }
}
