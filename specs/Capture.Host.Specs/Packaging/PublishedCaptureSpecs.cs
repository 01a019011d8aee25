using System.Diagnostics;

namespace Capture.Host.Specs.Packaging;

/// <summary>
/// The `capture` scripts/publish.sh makes, the one the package installs and bench/run times:
/// a NativeAOT file that answers the offline paths itself and replaces itself with the
/// ReadyToRun host beside it for live capture. Whatever it answers must be what the managed
/// command (`dotnet capture.dll`, as every other spec runs it) answers, byte for byte. The
/// publish is the package's (<see cref="DebianPackage"/>): one per test run.
/// </summary>
public sealed class PublishedCaptureSpecs
{
    /// <summary>Where package-deb.sh left its publish: OUTDIR/work/publish.</summary>
    static string Published => Path.Combine(Path.GetDirectoryName(DebianPackage.Path)!, "work", "publish");

    static string Command => Path.Combine(Published, "capture");

    public static TheoryData<string[]> OfflineLines => new()
    {
        { ["--version"] },
        { ["-l"] },
        { ["-r", RepoPaths.Fixture("libs-curl_google.scap")] },
        { ["-r", RepoPaths.Fixture("falco-run_as_user_0_container.scap")] },
        { ["-r", RepoPaths.Fixture("libs-curl_google.scap"), "-j"] },
        { ["-r", RepoPaths.Fixture("falco-run_as_user_0_container.scap"), "-j"] },
        { ["-r", RepoPaths.Fixture("libs-curl_google.scap"), "-p", "%evt.num %evt.time %proc.name %fd.name %evt.args"] },
        { ["-r", RepoPaths.Fixture("falco-run_as_user_0_container.scap"), "-pc"] },
        { ["-r", RepoPaths.Fixture("falco-run_as_user_0_container.scap"), "-j", "-p", "%proc.name %user.name %container.id"] },
        { ["-r", RepoPaths.Fixture("libs-curl_google.scap"), "-q", "proc.name=curl and fd.name contains google"] },
        // Bad input: a file that is no capture, one that does not exist, one damaged inside,
        // a flag capture does not know, a filter that does not parse.
        { ["-r", Path.Combine(RepoPaths.Root, "README.md")] },
        { ["-r", "/nonexistent/capture.scap"] },
        { ["-r", RepoPaths.Fixture("damaged/user-list-shell.scap"), "-q"] },
        { ["--no-such-flag"] },
        { ["-r", RepoPaths.Fixture("libs-curl_google.scap"), "proc.name=="] },
    };

    [Theory]
    [MemberData(nameof(OfflineLines))]
    public void The_published_capture_prints_and_exits_as_the_managed_command_does(string[] args)
    {
        var published = Tool.Run(Command, args, environment: Utc);
        var managed = CaptureProcess.Run(args);

        Assert.Equal(managed.ExitCode, published.ExitCode);
        Assert.Equal(managed.Error, published.Error);
        Assert.Equal(managed.Output, published.Output);
        // Not two copies of the same nothing: each line printed something.
        Assert.NotEqual("", managed.Output + managed.Error);
    }

    [Fact]
    public void The_published_capture_is_native_code_that_reads_a_file_with_no_runtime_beside_it()
    {
        // An apphost without its runtime and assemblies beside it cannot start; a NativeAOT
        // file carries all it runs.
        var copy = CopyAlone();
        var alone = Path.GetDirectoryName(copy)!;
        try
        {
            var read = Tool.Run(copy, ["-r", RepoPaths.Fixture("libs-curl_google.scap"), "-n", "3", "evt.type=brk"], environment: Utc);

            Assert.True(read.ExitCode == 0, read.ToString());
            Assert.Equal(3, read.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.False(File.Exists(Path.Combine(alone, "capture.dll")));
        }
        finally
        {
            Directory.Delete(alone, recursive: true);
        }
    }

    [Fact]
    public void Without_the_host_beside_it_live_capture_is_refused_in_one_line_naming_what_is_missing()
    {
        var copy = CopyAlone();
        var alone = Path.GetDirectoryName(copy)!;
        try
        {
            var live = Tool.Run(copy, ["-q", "-M", "1"]);

            Assert.Equal(1, live.ExitCode);
            Assert.Equal($"capture: cannot start {Path.Combine(alone, "host", "capture")}, which runs live capture and serve: No such file or directory\n", live.Error);
        }
        finally
        {
            Directory.Delete(alone, recursive: true);
        }
    }

    [KernelFact]
    public void A_live_capture_through_the_published_capture_runs_as_the_host_in_the_same_process_and_stops_on_ctrl_c()
    {
        var start = new ProcessStartInfo(Command, ["-q"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = new System.Text.StringBuilder();
            string? line;
            while ((line = process.StandardError.ReadLine()) is not null)
            {
                error.AppendLine(line);
                if (line.StartsWith("capture: capturing live", StringComparison.Ordinal)) break;
            }
            Assert.True(line is not null, $"capture never went live (exit {(process.WaitForExit(5000) ? process.ExitCode : -1)}): {error}");

            // execv: the pid the shell started now runs the host, with the arguments it was given.
            Assert.Equal(Path.Combine(Published, "host", "capture"), File.ResolveLinkTarget($"/proc/{process.Id}/exe", returnFinalTarget: false)!.FullName);
            Assert.Equal($"{Command}\0-q\0", File.ReadAllText($"/proc/{process.Id}/cmdline"));
            Thread.Sleep(TimeSpan.FromSeconds(3));
            CaptureProcess.Signal(process.Id, "INT");
            error.Append(process.StandardError.ReadToEnd());
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), $"capture did not stop on Ctrl-C: {error}");

            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {error}");
            Assert.Equal("", output.Result);
            Assert.Matches(@"capture: [1-9]\d* events in [\d.]+ s", error.ToString());
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }

    /// <summary>The published capture copied alone into a new temporary folder (the caller deletes it): no runtime, no host beside it.</summary>
    static string CopyAlone()
    {
        var copy = Path.Combine(Directory.CreateTempSubdirectory("capture-alone-").FullName, "capture");
        File.Copy(Command, copy);
        File.SetUnixFileMode(copy, (UnixFileMode)0b111_101_101);
        return copy;
    }

    /// <summary>The zone CaptureProcess gives the managed command, so times of day compare.</summary>
    static readonly Dictionary<string, string> Utc = new() { ["TZ"] = "UTC" };
}
