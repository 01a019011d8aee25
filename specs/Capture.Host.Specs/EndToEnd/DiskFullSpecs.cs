using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Capture.Host.Specs.EndToEnd;

/// <summary>
/// `-w` onto a disk that fills: the capture ends with one line naming the file and the bytes
/// it holds, the file ends at its last whole block and reads back, the summary adds up, and
/// the exit status says it went wrong.
/// </summary>
public sealed class DiskFullSpecs(DiskFullSpecs.BigCapture big) : IClassFixture<DiskFullSpecs.BigCapture>
{
    static readonly string TestProgram = Path.Combine(RepoPaths.Root, "artifacts", "driver", "capture_testprog");

    /// <summary>A capture of about 5 MiB (1.2 MiB gzipped): more than the small disk holds either way.</summary>
    public sealed class BigCapture : IDisposable
    {
        readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("capture-big-");

        public BigCapture()
        {
            var made = CaptureProcess.Run("--driver", "simulated", "-n", "60000", "-w", Path);
            Assert.True(made.ExitCode == 0, made.Error);
        }

        public string Path => System.IO.Path.Combine(_dir.FullName, "big.scap");

        public void Dispose() => _dir.Delete(recursive: true);
    }

    [SmallDiskTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rewriting_a_capture_onto_a_full_disk_stops_with_one_line_and_a_file_that_reads_to_its_last_block(bool gzip)
    {
        using var disk = SmallDisk.Mount("1m");
        var file = Path.Combine(disk.Path, gzip ? "out.scap.gz" : "out.scap");
        string[] args = gzip ? ["-r", big.Path, "-w", file, "-z"] : ["-r", big.Path, "-w", file];

        var result = CaptureProcess.Run(args);

        Assert.Equal(1, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var full = Assert.Single(lines, l => l.Contains("disk full"));
        var bytes = long.Parse(Regex.Match(full, $@"^capture: {Regex.Escape(file)}: disk full after (\d+) bytes; ").Groups[1].Value);
        Assert.Equal(new FileInfo(file).Length, bytes);
        var summary = Regex.Match(result.Error, @"capture: (\d+) events read, 0 skipped, 0 errors, (\d+) written, (\d+) not written");
        Assert.True(summary.Success, result.Error);
        long read = long.Parse(summary.Groups[1].Value), written = long.Parse(summary.Groups[2].Value), lost = long.Parse(summary.Groups[3].Value);
        Assert.True(written > 0 && lost > 0, result.Error);
        Assert.Equal(read, written + lost);

        var back = CaptureProcess.Run("-r", file, "-q");
        Assert.Equal(0, back.ExitCode);
        Assert.Contains($"capture: {written} events read, 0 skipped, 0 errors", back.Error);
        var sysdig = Sysdig.Read(file);
        Assert.Equal(written, sysdig.Lines.Length);
        // A gzip stream cut at a sync point is closed there with its trailer: a complete gzip file.
        Assert.Equal(0, sysdig.ExitCode);
        if (gzip)
        {
            using var test = Process.Start("gzip", ["-t", file])!;
            test.WaitForExit();
            Assert.Equal(0, test.ExitCode);
        }
    }

    [SmallDiskFact]
    public void A_pipeline_capture_onto_a_full_disk_stops_by_itself_and_delivered_is_what_the_file_holds()
    {
        using var disk = SmallDisk.Mount("1m");
        var file = Path.Combine(disk.Path, "simulated.scap");

        var result = CaptureProcess.Run("--driver", "simulated", "-w", file); // no limit: only the full disk stops it

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Error.Split('\n'), l => l.StartsWith($"capture: {file}: disk full after {new FileInfo(file).Length} bytes; the file ends at its last whole block"));
        var delivered = Regex.Match(result.Error, @"capture: (\d+) events in .*, (\d+) SinkFailed at sink output");
        Assert.True(delivered.Success, result.Error);
        var back = CaptureProcess.Run("-r", file, "-q");
        Assert.Equal(0, back.ExitCode);
        Assert.Contains($"capture: {delivered.Groups[1].Value} events read, 0 skipped, 0 errors", back.Error);
    }

    [KernelFact]
    public void A_live_capture_onto_a_full_disk_stops_and_its_summary_still_reconciles_with_the_kernel()
    {
        using var disk = SmallDisk.Mount("1m");
        var file = Path.Combine(disk.Path, "live.scap");
        using var capture = CaptureProcess.Start("-w", file, "--syscalls", "openat,close");
        var output = capture.StandardOutput.ReadToEndAsync();
        var error = capture.StandardError.ReadToEndAsync();
        using var load = Process.Start(new ProcessStartInfo(TestProgram, ["loop", "openclose", "20000000"]) { RedirectStandardOutput = true })!;
        try
        {
            Assert.True(capture.WaitForExit(TimeSpan.FromSeconds(120)), "the capture did not stop when its disk filled");
        }
        finally
        {
            load.Kill();
            if (!capture.HasExited) capture.Kill();
        }

        var stderr = error.Result;
        Assert.Equal(1, capture.ExitCode);
        Assert.Single(stderr.Split('\n'), l => l.StartsWith($"capture: {file}: disk full after {new FileInfo(file).Length} bytes"));
        var summary = Regex.Match(stderr,
            @"capture: (\d+) events in [^,;]*; dropped: (\d+) in the kernel, (\d+) corrupt, (\d+) unread at detach, (\d+) SinkFailed at sink output\ncapture: kernel saw (\d+),");
        Assert.True(summary.Success, stderr);
        long Group(int i) => long.Parse(summary.Groups[i].Value);
        Assert.Equal(Group(6), Group(1) + Group(2) + Group(3) + Group(4) + Group(5));
        var back = CaptureProcess.Run("-r", file, "-q");
        Assert.Equal(0, back.ExitCode);
        Assert.Contains($"capture: {Group(1)} events read, 0 skipped, 0 errors", back.Error);
        Assert.Empty(output.Result);
    }
}
