using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Capture.Host.Specs.EndToEnd;

/// <summary>
/// Events the kernel could not keep are not only counted: the probe writes a drop event
/// where they went missing, carrying how many, so a written file says where its gaps are.
/// </summary>
public sealed class GapMarkerSpecs
{
    static readonly string TestProgram = Path.Combine(RepoPaths.Root, "artifacts", "driver", "capture_testprog");

    [KernelFact]
    public void A_file_written_with_small_rings_under_load_must_mark_every_counted_loss_where_it_happened()
    {
        var dir = Directory.CreateTempSubdirectory("capture-gaps-");
        try
        {
            var file = Path.Combine(dir.FullName, "gaps.scap");
            using var capture = LiveCapture.Start("-w", file, "--buffer-size", "65536", "--syscalls", "getppid");

            // One tight loop per CPU, and capture stopped for a while meanwhile: its 64 KiB rings
            // overflow (the poller alone keeps up with these loops nearly always), and once the
            // loops end the rings drain.
            var loops = Enumerable.Range(0, Environment.ProcessorCount)
                .Select(_ => Process.Start(new ProcessStartInfo(TestProgram, ["loop", "getppid", "1500000"]) { RedirectStandardOutput = true })!)
                .ToList();
            Thread.Sleep(200);
            CaptureProcess.Signal(capture.Pid, "STOP");
            Thread.Sleep(500);
            CaptureProcess.Signal(capture.Pid, "CONT");
            foreach (var loop in loops)
            {
                loop.StandardOutput.ReadToEnd();
                loop.WaitForExit();
            }
            Thread.Sleep(3000);
            var stopped = capture.Stop();
            var summary = stopped.Error;
            Assert.True(stopped.ExitCode == 0, summary);

            var marked = Regex.Match(summary, @"capture: (\d+) drop events mark where (\d+) of them were lost; (\d+) after");
            Assert.True(marked.Success, $"no gap line in the summary: {summary}");
            var (markers, markedLost) = (long.Parse(marked.Groups[1].Value), long.Parse(marked.Groups[2].Value));
            Assert.True(markedLost > 0, summary);
            // Markers still in a ring when capture stops are given up with the other unread events.
            var unread = long.Parse(Regex.Match(summary, @"(\d+) unread at detach").Groups[1].Value);

            // Read back, each marker says how many events are missing at its place; together
            // they are every loss the kernel counted that was followed by an event of its CPU.
            var read = CaptureProcess.Run("-r", file, "-p", "%evt.cpu %evt.arg.ratio", "evt.type=drop");
            Assert.Equal(0, read.ExitCode);
            var ratios = read.Lines.Select(l => long.Parse(l.Split(' ')[1])).ToList();
            if (unread == 0)
            {
                Assert.Equal(markers, ratios.Count);
                Assert.Equal(markedLost, ratios.Sum());
            }
            else
            {
                Assert.InRange(ratios.Count, 1, markers);
                Assert.InRange(ratios.Sum(), 1, markedLost);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
