using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Capture.Host.Specs.EndToEnd;

/// <summary>
/// A live `-w` capture killed with -9 while the machine is busy, the file growing as it dies:
/// the file holds only whole blocks and reads back without an error.
/// </summary>
public sealed class KilledUnderLoadSpecs
{
    static readonly string TestProgram = Path.Combine(RepoPaths.Root, "artifacts", "driver", "capture_testprog");

    [KernelFact]
    public void A_live_file_killed_with_9_under_load_reads_back_every_block_whole()
    {
        var dir = Directory.CreateTempSubdirectory("capture-killed-");
        try
        {
            var file = Path.Combine(dir.FullName, "killed.scap");
            using var capture = LiveCapture.Start("-w", file, "--syscalls", "openat,close");

            using var load = Process.Start(new ProcessStartInfo(TestProgram, ["loop", "openclose", "50000000"]) { RedirectStandardOutput = true })!;
            try
            {
                // Killed while the file is still growing, so a write may be under way.
                var deadline = Stopwatch.StartNew();
                while (new FileInfo(file).Length < 4 << 20 && deadline.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(50);
                Assert.True(new FileInfo(file).Length >= 4 << 20, $"the file grew to only {new FileInfo(file).Length} bytes under load");
                capture.Stop("KILL");
            }
            finally
            {
                load.Kill();
            }

            var read = CaptureProcess.Run("-r", file, "-q");
            Assert.True(read.ExitCode == 0, read.Error);
            var summary = Regex.Match(read.Error, @"capture: (\d+) events read, 0 skipped, 0 errors");
            Assert.True(summary.Success, read.Error);
            Assert.True(long.Parse(summary.Groups[1].Value) > 10_000, read.Error);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
