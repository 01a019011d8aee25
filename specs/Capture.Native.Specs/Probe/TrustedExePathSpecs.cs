using System.Diagnostics;
using Capture.Native.Probe;

namespace Capture.Native.Specs.Probe;

/// <summary>
/// trusted_exepath of execve exits: the kernel's own path of the executable, rebuilt by the
/// probe across mount points, must be what readlink /proc/PID/exe shows while the program runs.
/// </summary>
public sealed class TrustedExePathSpecs
{
    const int TrustedExePathParam = 27; // of execve and execveat exits

    [KernelFact]
    public void A_binary_reached_through_a_symlink_into_a_bind_mount_inside_a_tmpfs_must_show_the_mounted_path()
    {
        using var dir = new ExecFlagsSpecs.TempDirectory("capture-exepath-");
        var source = dir.Sub("source");
        File.Copy("/usr/bin/sleep", Path.Combine(source, "sleeper"));
        var outer = dir.Sub("outer");
        ExecFlagsSpecs.Run("mount", "-t", "tmpfs", "capture-exepath", outer);
        try
        {
            var mountPoint = Directory.CreateDirectory(Path.Combine(outer, "inner", "mnt")).FullName;
            ExecFlagsSpecs.Run("mount", "--bind", source, mountPoint);
            try
            {
                var link = Path.Combine(dir.Path, "link");
                File.CreateSymbolicLink(link, Path.Combine(outer, "inner"));
                var (exec, procExe) = RunAndReadExe(Path.Combine(link, "mnt", "sleeper"));
                Assert.Equal(Path.Combine(mountPoint, "sleeper"), procExe);
                Assert.Equal(procExe, FrameReading.View(exec).Text(TrustedExePathParam));
            }
            finally
            {
                ExecFlagsSpecs.Run("umount", mountPoint);
            }
        }
        finally
        {
            ExecFlagsSpecs.Run("umount", outer);
        }
    }

    [KernelFact]
    public void A_binary_on_the_root_filesystem_must_show_its_path()
    {
        var (exec, procExe) = RunAndReadExe("/usr/bin/sleep");
        Assert.Equal("/usr/bin/sleep", procExe);
        Assert.Equal(procExe, FrameReading.View(exec).Text(TrustedExePathParam));
    }

    /// <summary>Starts FILE 30 under the probe, reads its /proc/PID/exe while it sleeps, then kills it; returns its exec exit and that link.</summary>
    static (byte[] Exec, string ProcExe) RunAndReadExe(string file)
    {
        using var probe = ModernProbe.Load(new ProbeSettings { Interest = NativeSyscalls.NumbersOf("execve", "execveat") });
        using var captured = new CapturedEvents(probe);
        probe.Attach();
        using var process = Process.Start(new ProcessStartInfo(file, ["30"]))!;
        string procExe;
        try
        {
            // the exec is done once the link no longer names the runtime that forked it
            var link = $"/proc/{process.Id}/exe";
            var deadline = DateTime.UtcNow.AddSeconds(10);
            do procExe = File.ResolveLinkTarget(link, returnFinalTarget: false)?.FullName ?? "";
            while (!procExe.EndsWith(Path.GetFileName(file)) && DateTime.UtcNow < deadline && !process.HasExited);
        }
        finally
        {
            process.Kill();
            process.WaitForExit();
            probe.Detach();
        }
        var exec = captured.StopAndCollect().Single(f => FrameReading.ThreadIdOf(f) == (ulong)process.Id
            && FrameReading.View(f).Info.EnumName == "PPME_SYSCALL_EXECVE_19_X" && FrameReading.View(f).Int64(0) == 0);
        return (exec, procExe);
    }
}
