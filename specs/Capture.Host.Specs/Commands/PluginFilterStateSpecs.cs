using Capture.Specs.Support;

namespace Capture.Host.Specs.Commands;

/// <summary>
/// A plugin filter decides what is shown, not what the capture knows: the events it hides
/// (the opens that name a file, the execve that names a process) still reach the thread and
/// fd tables, so what it shows is named exactly as the same filter on the command line names it.
/// </summary>
public sealed class PluginFilterStateSpecs
{
    [Theory]
    [InlineData("libs-curl_google.scap", "read")]
    [InlineData("libs-curl_google.scap", "close")]
    [InlineData("falco-run_as_user_0_container.scap", "read")]
    public void Events_kept_by_the_keep_plugin_name_their_process_and_file_as_the_command_line_filter_does(string fixture, string type)
    {
        var plugins = PluginBuilds.Directory(("keep", PluginBuilds.FilterSample));
        try
        {
            const string format = "%proc.name %proc.pid %fd.name";
            var throughPlugin = CaptureProcess.RunWith(new Dictionary<string, string> { ["CAPTURE_Plugins__keep__Types__0"] = type },
                "-r", RepoPaths.Fixture(fixture), "--plugins", plugins, "-p", format);
            // The same pipeline (a replay through the graph) with the filter on the command line instead.
            var throughFilter = CaptureProcess.Run("-r", RepoPaths.Fixture(fixture), "--driver", "replay", "-p", format, $"evt.type={type}");

            Assert.Equal(0, throughPlugin.ExitCode);
            Assert.Equal(0, throughFilter.ExitCode);
            Assert.True(throughFilter.Lines.Length >= 10, $"the fixture must have named {type} events to compare; it has {throughFilter.Lines.Length}");
            Assert.Equal(throughFilter.Lines, throughPlugin.Lines);
        }
        finally
        {
            Directory.Delete(plugins, recursive: true);
        }
    }
}
