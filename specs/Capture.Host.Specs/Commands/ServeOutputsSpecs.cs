using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Capture.Host.Specs.Hosting;
using Capture.Specs.Support;

namespace Capture.Host.Specs.Commands;

/// <summary>
/// `capture serve` delivering events to the outputs of its configuration (`Capture:Outputs`),
/// each through its own filter, as a process run from a directory with its appsettings.json.
/// </summary>
public sealed class ServeOutputsSpecs : IDisposable
{
    const string Fixture = "libs-curl_google.scap";
    readonly string _dir = Directory.CreateTempSubdirectory("capture-serve-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Each_output_holds_what_its_filter_selects_in_files_that_capture_and_sysdig_read_and_metrics_count_it()
    {
        var scap = Path.Combine(_dir, "curl.scap");
        var json = Path.Combine(_dir, "opens.json");
        WriteSettings($$"""
            {
              "Capture": {
                "Driver": "Replay",
                "ReplayFile": "{{RepoPaths.Fixture(Fixture)}}",
                "Filter": "proc.name=curl",
                "Outputs": [
                  { "Kind": "Scap", "Path": "{{scap}}", "Sysdig2022": true },
                  { "Kind": "Json", "Path": "{{json}}", "Filter": "evt.type in (connect, open)" }
                ]
              }
            }
            """);
        string[] outputs = [$"scap {scap}", $"json {json}"];
        var port = MetricsText.FreePort();
        var (metrics, _) = await ServeUntilAsync(port, async http =>
        {
            var ready = await http.GetAsync($"http://127.0.0.1:{port}/readyz");
            var body = await ready.Content.ReadAsStringAsync();
            if (!body.StartsWith("not ready: driver completed", StringComparison.Ordinal)) return null;
            Assert.Equal(503, (int)ready.StatusCode);
            // The driver has read the whole file; the outputs may still be writing its last batches.
            var text = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
            return outputs.All(o => Taken(text, o) == MetricsText.Value(text, "capture_stage_events_total{stage=\"merge\",direction=\"out\"}")) ? text : null;
        });

        // The JSON output is what the command prints for both filters, byte for byte.
        var expectedJson = CaptureProcess.Run("-r", RepoPaths.Fixture(Fixture), "-j", "(proc.name=curl) and (evt.type in (connect, open))");
        var jsonLines = File.ReadAllLines(json);
        Assert.True(jsonLines.Length >= 5, $"the fixture must have curl's connects and opens; the output has {jsonLines.Length}");
        Assert.Equal(expectedJson.Output, File.ReadAllText(json));

        // The scap output holds curl's events, as capture and sysdig read them.
        const string format = "%evt.rawtime %evt.type %proc.name";
        var expected = CaptureProcess.Run("-r", RepoPaths.Fixture(Fixture), "-p", format, "proc.name=curl");
        var ours = CaptureProcess.Run("-r", scap, "-p", format);
        var sysdig = Sysdig.Open(scap, "-p", format);
        Assert.Equal(0, ours.ExitCode);
        Assert.True(expected.Lines.Length >= 100, $"too few curl events to compare: {expected.Lines.Length}");
        Assert.Equal(expected.Lines, ours.Lines);
        Assert.Equal(expected.Lines, sysdig.Lines);

        // The counts in /metrics are the events each output wrote, and the rest its filters left out.
        var matched = long.Parse(Regex.Match(CaptureProcess.Run("-r", RepoPaths.Fixture(Fixture), "-q", "proc.name=curl").Error, @"(\d+) matched the filter").Groups[1].Value);
        Assert.Equal(matched, MetricsText.Value(metrics, $"capture_output_events_total{{output=\"scap {scap}\",outcome=\"written\"}}"));
        Assert.Equal(jsonLines.Length, MetricsText.Value(metrics, $"capture_output_events_total{{output=\"json {json}\",outcome=\"written\"}}"));
        // Every event of the fixture went to each output, which wrote it or left it out.
        Assert.Equal(1536, MetricsText.Value(metrics, "capture_stage_events_total{stage=\"merge\",direction=\"out\"}"));
        foreach (var output in outputs)
            Assert.Equal(1536, MetricsText.Value(metrics, $"capture_stage_events_total{{stage=\"sink {output}\",direction=\"in\"}}"));
    }

    [Fact]
    public async Task A_rotated_scap_output_splits_the_events_into_whole_files_without_losing_or_repeating_one()
    {
        var scap = Path.Combine(_dir, "rotated.scap");
        WriteSettings($$"""
            {
              "Capture": {
                "Driver": "Replay",
                "ReplayFile": "{{RepoPaths.Fixture(Fixture)}}",
                "Outputs": [ { "Kind": "Scap", "Path": "{{scap}}", "Sysdig2022": true, "EventsPerFile": 500 } ]
              }
            }
            """);
        var output = $"scap {scap}";
        var port = MetricsText.FreePort();
        var (metrics, _) = await ServeUntilAsync(port, async http =>
        {
            var text = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
            // Every event taken, and the batch that took the last one finished (its file count is copied after it).
            return Taken(text, output) == 1536 && MetricsText.Value(text, $"capture_sink_queued_events{{sink=\"{output}\"}}") == 0 ? text : null;
        });

        // sysdig's -e names: the path and a number from 0; 1536 events make four files.
        var files = Enumerable.Range(0, 4).Select(i => scap + i).ToArray();
        Assert.All(files, f => Assert.True(File.Exists(f), $"{f} was not written"));
        Assert.False(File.Exists(scap + 4));
        const string format = "%evt.rawtime %evt.type %thread.tid";
        var whole = CaptureProcess.Run("-r", RepoPaths.Fixture(Fixture), "-p", format).Lines;
        var parts = files.SelectMany(f => CaptureProcess.Run("-r", f, "-p", format).Lines).ToArray();
        Assert.Equal(whole, parts);
        Assert.All(files, f => Assert.Equal(0, Sysdig.Open(f, "-q").ExitCode));
        // /metrics counts the events the files hold, summed over them.
        var inFiles = files.Sum(f => long.Parse(Regex.Match(CaptureProcess.Run("-r", f, "-q").Error, @"(\d+) events read").Groups[1].Value));
        Assert.Equal(1536, inFiles);
        Assert.Equal(inFiles, MetricsText.Value(metrics, $"capture_output_file_events_total{{output=\"{output}\"}}"));
    }

    static long Taken(string metrics, string output) =>
        MetricsText.Value(metrics, $"capture_output_events_total{{output=\"{output}\",outcome=\"written\"}}")
        + MetricsText.Value(metrics, $"capture_output_events_total{{output=\"{output}\",outcome=\"filtered\"}}");

    [Fact]
    public async Task A_reload_that_changes_an_outputs_filter_takes_effect_from_the_next_batch_in_the_same_file()
    {
        var json = Path.Combine(_dir, "events.json");
        string Settings(string filter) => $$"""
            {
              // the simulated kernel makes reads, writes and opens
              "Capture": {
                "Driver": "Simulated",
                "Outputs": [ { "Kind": "Json", "Path": "{{json}}", "Filter": "{{filter}}" } ]
              }
            }
            """;
        // One thread of the simulated kernel's first CPU: few enough events to read them all back.
        WriteSettings(Settings("thread.tid=1000 and evt.type=read"));
        var changed = false;
        var (_, log) = await ServeUntilAsync(MetricsText.FreePort(), _ =>
        {
            var lines = File.Exists(json) ? File.ReadLines(json).Take(2000).Count() : 0;
            if (!changed && lines >= 1000)
            {
                // Written in place, as an editor saving the file does.
                WriteSettings(Settings("thread.tid=1000 and evt.type=write"));
                changed = true;
            }
            return Task.FromResult(changed && LastLine(json).Contains("\"evt.type\":\"write\"") ? "" : null);
        });

        var events = File.ReadLines(json).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var runs = Runs(events.Select(e => e.GetProperty("evt.type").GetString()!));
        Assert.Equal(["read", "write"], runs);
        // Numbering goes on across the change: the output was not reopened.
        var numbers = events.Select(e => e.GetProperty("evt.num").GetInt64()).ToList();
        Assert.Equal(numbers.Order(), numbers);
        Assert.Contains("configuration changed (Outputs): the outputs filter anew from their next batch, live", log);
    }

    [Fact]
    public async Task An_output_added_by_a_reload_restarts_the_pipeline_and_the_outputs_that_stayed_go_on_where_they_were()
    {
        var reads = Path.Combine(_dir, "reads.json");
        var writes = Path.Combine(_dir, "writes.txt");
        const string readsOutput = """{ "Kind": "Json", "Path": "reads.json", "Filter": "thread.tid=1000 and evt.type=read" }""";
        string Settings(params string[] outputs) => $$"""
            { "Capture": { "Driver": "Simulated", "Outputs": [ {{string.Join(", ", outputs)}} ] } }
            """;
        WriteSettings(Settings(readsOutput));
        var changed = false;
        var port = MetricsText.FreePort();
        var (metrics, log) = await ServeUntilAsync(port, async http =>
        {
            if (!changed && File.Exists(reads) && File.ReadLines(reads).Take(500).Count() == 500)
            {
                WriteSettings(Settings(readsOutput, """{ "Kind": "Text", "Path": "writes.txt", "Filter": "thread.tid=1000 and evt.type=write", "Format": "%evt.num %evt.type" }"""));
                changed = true;
            }
            if (!changed || !File.Exists(writes) || new FileInfo(writes).Length < 1000) return null;
            return await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
        });

        Assert.Contains("configuration changed (Outputs): restarting the pipeline", log);
        Assert.Contains("pipeline restarted with 2 outputs (1 carried over) and 0 plugins", log);
        // The reads output was carried over, not opened again: its numbering goes on past the restart.
        var numbers = File.ReadLines(reads).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("evt.num").GetInt64()).ToList();
        Assert.True(numbers.Count > 500, $"reads after the restart too: {numbers.Count}");
        Assert.Equal(numbers.Distinct().Order(), numbers);
        Assert.All(File.ReadLines(writes), l => Assert.EndsWith(" write", l));
        Assert.True(MetricsText.Value(metrics, "capture_gaps_total") >= 1, "a restart is a gap");
        Assert.True(MetricsText.Value(metrics, $"capture_output_events_total{{output=\"json reads.json\",outcome=\"written\"}}") >= 500,
            "the carried-over output's count goes on across the restart");
    }

    [Fact]
    public async Task Plugins_named_in_the_configuration_run_in_the_service()
    {
        var plugins = PluginBuilds.Directory(("keep", PluginBuilds.FilterSample));
        try
        {
            var json = Path.Combine(_dir, "kept.json");
            WriteSettings($$"""
                {
                  "Capture": {
                    "Driver": "Replay", "ReplayFile": "{{RepoPaths.Fixture(Fixture)}}",
                    "Plugins": "{{plugins}}",
                    "Outputs": [ { "Kind": "Json", "Path": "{{json}}" } ]
                  },
                  "Plugins": { "keep": { "Types": [ "open" ] } }
                }
                """);
            var port = MetricsText.FreePort();
            await ServeUntilAsync(port, async http =>
            {
                // Once the driver has read the whole file and the output has taken every event.
                using var ready = await http.GetAsync($"http://127.0.0.1:{port}/readyz");
                if (!(await ready.Content.ReadAsStringAsync()).StartsWith("not ready: driver completed", StringComparison.Ordinal)) return null;
                var metrics = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
                return MetricsText.Value(metrics, $"capture_sink_queued_events{{sink=\"json {json}\"}}") == 0 ? "" : null;
            });

            var types = File.ReadLines(json).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("evt.type").GetString()).ToList();
            var opens = CaptureProcess.Run("-r", RepoPaths.Fixture(Fixture), "-j", "evt.type=open").Lines.Length;
            Assert.True(opens >= 10, $"the fixture must have opens: {opens}");
            Assert.Equal(Enumerable.Repeat("open", opens), types);
        }
        finally
        {
            Directory.Delete(plugins, recursive: true);
        }
    }

    [Theory]
    [InlineData("--Capture:Outputs:0:Kind=Bogus", "capture: setting Capture:Outputs:0:Kind=Bogus is not one of Scap, Json, Text")]
    [InlineData("--Capture:Outputs:0:Kind=Scap", "capture: Capture:Outputs:0:Path: a scap output needs a file to write, not standard output")]
    [InlineData("--Capture:Outputs:0:Path=/nonexistent/dir/x.json", "capture: Capture:Outputs:0:Path=/nonexistent/dir/x.json: its directory /nonexistent/dir does not exist")]
    [InlineData("--Capture:Outputs:0:Path=/tmp", "capture: Capture:Outputs:0:Path=/tmp: it is a directory")]
    [InlineData("--Capture:Outputs:0:Filter=proc.name=", "capture: Capture:Outputs:0:Filter: filter: proc.name needs a value at column 11")]
    [InlineData("--Capture:Outputs:0:Gzip=true", "capture: Capture:Outputs:0:Gzip: only a scap output is gzipped, this one is text")]
    [InlineData("--Capture:Outputs:0:Pth=x", "capture: unknown setting Capture:Outputs:0:Pth (known: Capture:Outputs:0:Kind, Capture:Outputs:0:Path, Capture:Outputs:0:Gzip, Capture:Outputs:0:Sysdig2022, Capture:Outputs:0:Filter, Capture:Outputs:0:Format, Capture:Outputs:0:FileSizeMb, Capture:Outputs:0:Seconds, Capture:Outputs:0:Keep, Capture:Outputs:0:EventsPerFile)")]
    [InlineData("--Capture:Outputs:0:EventsPerFile=10", "capture: Capture:Outputs:0: FileSizeMb, Seconds, Keep and EventsPerFile rotate scap files; this output is text")]
    [InlineData("--Capture:Plugins=/nonexistent/plugins", "capture: Capture:Plugins: the plugin directory /nonexistent/plugins does not exist")]
    public void A_bad_output_or_plugin_setting_is_one_line_and_exit_2_before_anything_starts(string setting, string line)
    {
        var serve = CaptureProcess.Run("serve", "--metrics-port", MetricsText.FreePort().ToString(), "--Capture:Driver=Simulated", setting);
        Assert.Equal(2, serve.ExitCode);
        Assert.Equal(line, serve.Error.TrimEnd('\n'));
        Assert.Empty(serve.Output);
    }

    void WriteSettings(string json)
    {
        // Overwritten in place (not replaced), so the service's file watcher sees a change of its file.
        using var file = new FileStream(Path.Combine(_dir, "appsettings.json"), FileMode.OpenOrCreate, FileAccess.Write);
        file.SetLength(0);
        file.Write(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>
    /// Runs `serve` in the spec's directory until <paramref name="done"/> gives a value (polled
    /// every 100 ms, for at most 60 s), then stops it with SIGTERM; gives that value and what serve logged.
    /// </summary>
    async Task<(string Value, string Log)> ServeUntilAsync(int port, Func<HttpClient, Task<string?>> done)
    {
        using var serve = CaptureProcess.StartIn(_dir, new Dictionary<string, string>(), "serve", "--metrics-port", port.ToString());
        var output = serve.StandardOutput.ReadToEndAsync();
        var error = serve.StandardError.ReadToEndAsync();
        using var http = new HttpClient();
        string? value = null;
        var waited = Stopwatch.StartNew();
        try
        {
            while (value is null && waited.Elapsed < TimeSpan.FromSeconds(60) && !serve.HasExited)
            {
                await Task.Delay(100);
                try
                {
                    value = await done(http);
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
            }
        }
        finally
        {
            if (!serve.HasExited) CaptureProcess.Signal(serve.Id, "TERM");
            await serve.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        var log = await output;
        if (value is null) throw new Xunit.Sdk.XunitException($"serve never got there in 60 s\n--- stdout:\n{log}\n--- stderr:\n{await error}");
        Assert.Equal(0, serve.ExitCode);
        return (value, log);
    }

    /// <summary>The last whole line of a file being appended to, read from its end.</summary>
    static string LastLine(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var tail = new byte[Math.Min(file.Length, 8192)];
        file.Seek(-tail.Length, SeekOrigin.End);
        file.ReadExactly(tail);
        var lines = System.Text.Encoding.UTF8.GetString(tail).Split('\n');
        return lines.Length >= 2 ? lines[^2] : "";
    }

    static List<string> Runs(IEnumerable<string> values)
    {
        var runs = new List<string>();
        foreach (var value in values)
            if (runs.Count == 0 || runs[^1] != value) runs.Add(value);
        return runs;
    }
}
