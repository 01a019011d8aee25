using System.Diagnostics;
using Capture.Native.ProcFs;
using Capture.Native.Processes;

namespace Capture.Native.Specs.ProcFs;

public sealed class ProcScannerSpecs
{
    [Fact]
    public void The_scan_finds_a_running_child_with_its_name_parent_arguments_and_directory()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "30") { WorkingDirectory = "/tmp" })!;
        try
        {
            var threads = ProcScanner.Scan().ToList();
            var sleep = Assert.Single(threads, t => t.Tid == child.Id);
            Assert.Equal(child.Id, sleep.Pid);
            Assert.Equal(Environment.ProcessId, sleep.ParentTid);
            Assert.Equal("sleep", sleep.Comm);
            Assert.Equal(["30"], sleep.Args);
            Assert.Equal("/tmp", sleep.Cwd);
            Assert.EndsWith("sleep", sleep.ExePath);
        }
        finally
        {
            child.Kill();
        }
    }

    [Fact]
    public void Every_thread_of_this_process_is_listed_under_this_process()
    {
        var ours = ProcScanner.Scan().Where(t => t.Pid == Environment.ProcessId).ToList();
        var tasks = Directory.GetDirectories($"/proc/{Environment.ProcessId}/task").Length;
        // Threads may start or end between the two reads; the runtime keeps several alive.
        Assert.InRange(ours.Count, Math.Max(2, tasks - 4), tasks + 4);
        Assert.Contains(ours, t => t.Tid == Environment.ProcessId);
    }

    [Fact]
    public void A_thread_is_found_by_its_tid_under_its_process_with_its_own_name()
    {
        var pid = Environment.ProcessId;
        var other = Directory.GetDirectories($"/proc/{pid}/task").Select(d => long.Parse(Path.GetFileName(d))).First(tid => tid != pid);
        var found = ProcScanner.Find(other);
        Assert.NotNull(found);
        Assert.Equal((other, (long)pid), (found.Tid, found.Pid));
        Assert.Equal(File.ReadAllText($"/proc/{pid}/task/{other}/comm").TrimEnd('\n'), found.Comm);
        Assert.Equal(pid, ProcScanner.Find(pid)!.Tid);
        Assert.Null(ProcScanner.Find(int.MaxValue));
    }
}
