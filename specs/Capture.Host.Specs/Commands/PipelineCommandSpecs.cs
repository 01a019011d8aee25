namespace Capture.Host.Specs.Commands;

/// <summary>
/// The command's pipeline runs other than the live probe: `-r FILE --plugins DIR` and
/// `--driver replay` (the file through the pipeline and the plugins in it), `--driver simulated`.
/// </summary>
public sealed class PipelineCommandSpecs
{
    [Fact]
    public void A_replayed_capture_through_the_pipeline_prints_what_the_direct_reader_prints()
    {
        var fixture = RepoPaths.Fixture("libs-curl_google.scap");
        var direct = CaptureProcess.Run("-r", fixture);
        var piped = CaptureProcess.Run("-r", fixture, "--driver", "replay");
        Assert.Equal(0, piped.ExitCode);
        Assert.Equal(direct.Output, piped.Output);
    }

    [Fact]
    public void The_simulated_driver_runs_through_the_command_in_timestamp_order()
    {
        var result = CaptureProcess.Run("--driver", "simulated", "-n", "500", "-j");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(500, result.Lines.Length);
        var times = result.Lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("evt.outputtime").GetUInt64()).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public void The_sample_filter_loaded_from_a_plugin_directory_keeps_only_the_configured_type_and_counts_the_rest()
    {
        var plugins = PluginBuilds.Directory(("keep", PluginBuilds.FilterSample));
        try
        {
            var result = CaptureProcess.RunWith(new Dictionary<string, string> { ["CAPTURE_Plugins__keep__Types__0"] = "open" },
                "-r", RepoPaths.Fixture("libs-curl_google.scap"), "--plugins", plugins);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(96, result.Lines.Length);
            Assert.All(result.Lines, l => Assert.Contains(" open ", l));
            Assert.Contains("capture: 96 events", result.Error);
            Assert.Contains("1440 Filtered at plugin keep after-merge", result.Error);
        }
        finally
        {
            Directory.Delete(plugins, recursive: true);
        }
    }

    [Fact]
    public void An_optional_plugin_directory_that_does_not_exist_is_reported_and_the_capture_goes_on()
    {
        var result = CaptureProcess.Run("-r", RepoPaths.Fixture("libs-curl_google.scap"), "--plugins", "/nonexistent/plugins", "--plugins-optional");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1221, result.Lines.Length);
        Assert.Contains("capture: warning: plugin refused or incomplete: /nonexistent/plugins: the plugin directory does not exist", result.Error);
    }
}
