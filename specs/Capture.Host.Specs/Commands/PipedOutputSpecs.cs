using System.Diagnostics;

namespace Capture.Host.Specs.Commands;

/// <summary>`capture` at either end of a pipe: `| head` closing its stdout, `cat f |` feeding -r, and -n counting what it prints.</summary>
public sealed class PipedOutputSpecs
{
    static readonly string Container = RepoPaths.Fixture("falco-run_as_user_0_container.scap");

    [Fact]
    public void A_reader_that_goes_away_ends_reading_a_file_quietly_with_sysdigs_status()
    {
        // Thousands of lines: far more than the pipe and the output buffer hold.
        var (exit, error, took) = ReadOneLineAndClose("-r", Container);
        Assert.Equal(141, exit);
        Assert.Equal("", error);
        Assert.True(took < TimeSpan.FromSeconds(20), $"took {took}");
    }

    [KernelFact]
    public void A_reader_that_goes_away_stops_a_live_capture_and_the_probe_at_once()
    {
        var (exit, error, took) = ReadOneLineAndClose("-j");
        Assert.Equal(141, exit);
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("events in", error); // no summary: the reader is gone, as for sysdig
        Assert.True(took < TimeSpan.FromSeconds(20), $"a live capture went on for {took} after its reader left");
    }

    [Fact]
    public void N_counts_as_sysdig_does_so_container_events_before_the_first_line_do_not_count_and_a_filter_counts_matches()
    {
        Assert.Equal(Sysdig.Open(Container, "-n", "3").Output, CaptureProcess.Run("-r", Container, "-n", "3").Output);

        var json = CaptureProcess.Run("-r", Container, "-n", "3", "-j");
        Assert.Equal(0, json.ExitCode);
        Assert.Equal(3, json.Lines.Length);

        var open = CaptureProcess.Run("-r", Container, "-n", "3", "evt.type=open");
        Assert.Equal(0, open.ExitCode);
        Assert.Equal(3, open.Lines.Length);
        Assert.All(open.Lines, l => Assert.Contains(" open ", l));
    }

    [Fact]
    public async Task A_capture_piped_into_r_dev_stdin_reads_as_the_file_does()
    {
        var fromFile = CaptureProcess.Run("-r", Container);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("cat \"$1\" | TZ=UTC dotnet \"$2\" -r /dev/stdin");
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(Container);
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "capture.dll"));
        using var piped = Process.Start(start)!;
        var output = piped.StandardOutput.ReadToEndAsync();
        var error = await piped.StandardError.ReadToEndAsync();
        await piped.WaitForExitAsync();
        Assert.Equal(0, piped.ExitCode);
        Assert.Equal("capture: 4143 events read, 0 skipped, 0 errors\n", error);
        Assert.Equal(fromFile.Output, await output);
    }

    /// <summary>Starts `capture`, reads one line of its stdout, closes the pipe and waits for it to end.</summary>
    static (int Exit, string Error, TimeSpan Took) ReadOneLineAndClose(params string[] args)
    {
        using var process = CaptureProcess.Start(args);
        var error = process.StandardError.ReadToEndAsync();
        Assert.NotNull(process.StandardOutput.ReadLine());
        var closed = Stopwatch.StartNew();
        process.StandardOutput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"capture {string.Join(' ', args)} still ran 30 s after its reader left");
        }
        var stderr = error.Result;
        // A live capture says it started before the first event; that line is not about the pipe.
        stderr = string.Concat(stderr.Split('\n').Where(l => l.Length > 0 && !l.Contains("capturing live")).Select(l => l + "\n"));
        return (process.ExitCode, stderr, closed.Elapsed);
    }
}
