using System.Diagnostics;
using System.Text.Json;

namespace Capture.Host.Specs.EndToEnd;

/// <summary>
/// The stat family and access come out of the probe with their paths, so filters and JSON see
/// them: a rule on `evt.arg.path`, `evt.arg.name` or `fd.name` catches the calls driver/testprog's
/// "tour-files" makes on its known file.
/// </summary>
public sealed class NewEventFilterSpecs
{
    static readonly string TestProgram = Path.Combine(RepoPaths.Root, "artifacts", "driver", "capture_testprog");

    [KernelFact]
    public void Filters_must_match_stat_and_access_by_the_path_they_name()
    {
        var dir = Directory.CreateTempSubdirectory("capture-stat-");
        try
        {
            var known = Path.Combine(dir.FullName, "known");
            using var capture = LiveCapture.Start("-j",
                "proc.name=capture_testpro and ((evt.type in (stat, lstat, newfstatat) and evt.arg.path endswith /known)" +
                " or (evt.type=access and evt.arg.name endswith /known) or (evt.type=fstat and fd.name endswith /known))");

            using (var child = Process.Start(new ProcessStartInfo(TestProgram, ["tour-files", dir.FullName]) { RedirectStandardOutput = true })!)
            {
                child.StandardOutput.ReadToEnd();
                child.WaitForExit();
                Assert.Equal(0, child.ExitCode);
            }
            Thread.Sleep(300);
            var stopped = capture.Stop();
            Assert.True(stopped.ExitCode == 0, stopped.Error);

            var events = stopped.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonDocument.Parse(l).RootElement)
                .Select(e => (Type: e.GetProperty("evt.type").GetString()!, Args: e.GetProperty("evt.args")))
                .ToList();
            string Arg((string Type, JsonElement Args) e, string name) => e.Args.GetProperty(name).GetString()!;

            Assert.Equal(known, Arg(Assert.Single(events, e => e.Type == "stat"), "path"));
            Assert.Equal(known, Arg(Assert.Single(events, e => e.Type == "lstat"), "path"));
            Assert.Equal(known, Arg(Assert.Single(events, e => e.Type == "newfstatat"), "path"));
            var access = Assert.Single(events, e => e.Type == "access");
            Assert.Equal(known, Arg(access, "name"));
            Assert.Equal("6(R_OK|W_OK)", Arg(access, "mode"));
            Assert.EndsWith($"(<f>{known})", Arg(Assert.Single(events, e => e.Type == "fstat"), "fd"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
