using System.Diagnostics;
using Capture.Native.Files;
using Capture.Native.Formatting;
using Capture.Native.Probe;
using Capture.Native.Text;

namespace Capture.Native.Specs.Probe;

/// <summary>
/// The flags parameter of execve/execveat exits (libs' execve_flags): a program is run under
/// the probe from a place whose flags are known (owner, read-only filesystem, immutable inode,
/// memfd, overlayfs layer) and its exec exit must carry exactly those. This machine's root
/// filesystem is not overlayfs, so the layer bits appear only where a spec mounts one.
/// </summary>
public sealed class ExecFlagsSpecs
{
    const int FlagsParam = 19; // of execve and execveat exits
    const uint Writable = 1, UpperLayer = 2, FromMemfd = 4, LowerLayer = 8;

    [KernelFact]
    public void A_root_owned_binary_run_by_root_must_be_writable_and_print_by_name()
    {
        using var dir = new TempDirectory("capture-exec-root-");
        var exec = RunUnderProbe(RootOwnedTrue(dir)).Last();
        Assert.Equal(Writable, FrameReading.View(exec).UInt32(FlagsParam));
        Assert.Contains(" flags=1(EXE_WRITABLE) ", TextOf(exec));
    }

    [KernelFact]
    public void A_root_owned_binary_run_by_an_unprivileged_user_must_not_be_writable()
    {
        var execs = RunUnderProbe("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/true");
        Assert.Equal(2, execs.Count); // setpriv itself (run by root), then true as nobody
        Assert.Equal(WritableForRoot("/usr/bin/setpriv"), FrameReading.View(execs[0]).UInt32(FlagsParam));
        Assert.Equal(0u, FrameReading.View(execs[1]).UInt32(FlagsParam));
        Assert.Contains(" flags=0 ", TextOf(execs[1]));
    }

    // A binary owned by root:12345 run as nobody: the group's bits apply when nobody is in
    // group 12345 (through a supplementary group), the other bits when not.
    [KernelTheory]
    [InlineData("775", "--groups=12345", Writable)]
    [InlineData("757", "--groups=12345", 0u)]
    [InlineData("757", "--clear-groups", Writable)]
    [InlineData("755", "--groups=12345", 0u)]
    public void Without_ownership_or_capabilities_the_mode_bits_of_the_users_class_must_decide(string mode, string groups, uint expected)
    {
        using var dir = new TempDirectory("capture-exec-mode-");
        File.SetUnixFileMode(dir.Path, (UnixFileMode)Convert.ToInt32("755", 8)); // let nobody reach it
        var binary = Path.Combine(dir.Path, "true");
        File.Copy("/usr/bin/true", binary);
        Run("chown", "0:12345", binary);
        Run("chmod", mode, binary);
        var execs = RunUnderProbe("setpriv", "--reuid=65534", "--regid=65534", groups, binary);
        Assert.Equal(expected, FrameReading.View(execs.Last()).UInt32(FlagsParam));
    }

    // Capabilities count only over an inode whose owner (and, for CAP_DAC_OVERRIDE, group) map
    // into the task's user namespace. The test program's child is root in a new namespace
    // (kernel id 100000, all capabilities there) and execs a root-owned copy of true; kernel id
    // 0 is mapped by the last of the map's extents or not at all. Up to 5 extents the kernel
    // keeps them in the map itself, beyond that in a sorted array.
    [KernelTheory]
    [InlineData(5, false, 0u)]
    [InlineData(5, true, Writable)]
    [InlineData(6, false, 0u)]
    [InlineData(6, true, Writable)]
    public void Capabilities_must_make_a_binary_writable_only_when_its_owner_maps_into_the_user_namespace(int extents, bool ownerMapped, uint expected)
    {
        using var dir = new TempDirectory("capture-exec-userns-");
        File.SetUnixFileMode(dir.Path, (UnixFileMode)Convert.ToInt32("755", 8)); // let the namespace's root reach it
        var execs = RunUnderProbe(output => int.Parse(output.Split('\n').Single(l => l.StartsWith("child ")).Split(' ')[1]),
            TestProgram.Path, "userns-exec", extents.ToString(), ownerMapped ? "1" : "0", RootOwnedTrue(dir));
        var exec = FrameReading.View(Assert.Single(execs));
        Assert.Equal(100000u, exec.UInt32(26)); // euid: the namespace's root
        Assert.Equal(expected, exec.UInt32(FlagsParam));
    }

    [KernelFact]
    public void A_binary_on_a_read_only_filesystem_must_not_be_writable_even_for_root()
    {
        using var dir = new TempDirectory("capture-exec-ro-");
        var mountPoint = dir.Sub("mnt");
        Run("mount", "-t", "tmpfs", "capture-exec-ro", mountPoint);
        try
        {
            var binary = Path.Combine(mountPoint, "true");
            File.Copy("/usr/bin/true", binary);
            Run("mount", "-o", "remount,ro", mountPoint);
            Assert.Equal(0u, FrameReading.View(RunUnderProbe(binary).Last()).UInt32(FlagsParam));
        }
        finally
        {
            Run("umount", mountPoint);
        }
    }

    [ImmutableFileFact]
    public void An_immutable_binary_must_not_be_writable_even_for_root()
    {
        using var dir = new TempDirectory("capture-exec-immutable-");
        var binary = Path.Combine(dir.Path, "true");
        File.Copy("/usr/bin/true", binary);
        Run("chattr", "+i", binary);
        try
        {
            Assert.Equal(0u, FrameReading.View(RunUnderProbe(binary).Last()).UInt32(FlagsParam));
        }
        finally
        {
            Run("chattr", "-i", binary);
        }
    }

    [KernelFact]
    public void A_binary_run_from_a_memfd_must_be_marked_fileless_and_so_must_its_failed_exec()
    {
        var execs = RunUnderProbe(TestProgram.Path, "memfd-exec");
        // .NET's exec of the test program, its execveat of the memfd copy, and that copy's failed
        // execve. On x86_64 a successful execveat shows the execve number, so (as in libs) it is
        // reported as an execve exit; the kernel names the file by its fd.
        Assert.Equal(["PPME_SYSCALL_EXECVE_19_X", "PPME_SYSCALL_EXECVE_19_X", "PPME_SYSCALL_EXECVE_19_X"], execs.Select(f => FrameReading.View(f).Info.EnumName));
        Assert.Matches("^/dev/fd/[0-9]+$", FrameReading.View(execs[1]).Text(FrameReading.View(execs[1]).ParamCount - 1));
        Assert.Equal(WritableForRoot(TestProgram.Path), FrameReading.View(execs[0]).UInt32(FlagsParam));
        Assert.Equal(0, FrameReading.View(execs[1]).Int64(0));
        Assert.Equal(Writable | FromMemfd, FrameReading.View(execs[1]).UInt32(FlagsParam));
        Assert.Contains(" flags=5(EXE_WRITABLE|EXE_FROM_MEMFD) ", TextOf(execs[1]));
        Assert.Equal("", FrameReading.View(execs[1]).Text(27)); // trusted_exepath: a memfd has no place in the tree
        // a failure reports the image that is still running: the memfd one (as libs)
        Assert.Equal(-2, FrameReading.View(execs[2]).Int64(0));
        Assert.Equal(Writable | FromMemfd, FrameReading.View(execs[2]).UInt32(FlagsParam));
    }

    [OverlayFact]
    public void A_binary_on_overlayfs_must_carry_the_layer_that_holds_it()
    {
        using var overlay = new Overlay();
        File.Copy("/usr/bin/true", Path.Combine(overlay.Lower, "lower-true"));
        File.Copy("/usr/bin/true", Path.Combine(overlay.Merged, "upper-true")); // lands in upper
        Assert.True(File.Exists(Path.Combine(overlay.Upper, "upper-true")));
        Assert.False(File.Exists(Path.Combine(overlay.Upper, "lower-true")));

        var lower = RunUnderProbe(Path.Combine(overlay.Merged, "lower-true")).Last();
        var upper = RunUnderProbe(Path.Combine(overlay.Merged, "upper-true")).Last();
        Assert.Equal(Writable | LowerLayer, FrameReading.View(lower).UInt32(FlagsParam));
        Assert.Equal(Writable | UpperLayer, FrameReading.View(upper).UInt32(FlagsParam));
        Assert.Contains(" flags=9(EXE_WRITABLE|EXE_LOWER_LAYER) ", TextOf(lower));
        Assert.Contains(" flags=3(EXE_WRITABLE|EXE_UPPER_LAYER) ", TextOf(upper));
    }

    [KernelFact]
    public void Sysdig_must_print_the_flags_capture_prints_for_an_exec_written_to_a_file()
    {
        var execs = RunUnderProbe("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/true");
        using var scratch = new Files.Scratch();
        var path = scratch.File("exec-flags.scap");
        using (var writer = ScapFileWriter.Create(path, new ScapWriteOptions { Sysdig2022Compatible = true }))
            foreach (var frame in execs) Assert.True(writer.WriteEvent(frame, 0));

        // sysdig's default line, whose k=v parameters are what capture's formatter writes
        var result = Sysdig.Open(path, "evt.type=execve and evt.dir=<");
        var ours = execs.Select(f => FlagsOf(TextOf(f))).ToList();
        Assert.Equal([WritableForRoot("/usr/bin/setpriv") == Writable ? "flags=1(EXE_WRITABLE)" : "flags=0", "flags=0"], ours);
        Assert.Equal(ours, result.Lines.Select(FlagsOf));
    }

    /// <summary>The successful and failed exec exits of the process started, in order.</summary>
    static List<byte[]> RunUnderProbe(string file, params string[] arguments) => RunUnderProbe(null, file, arguments);

    /// <summary>The exec exits of the process started or, given <paramref name="childOf"/>, of the child its output names.</summary>
    static List<byte[]> RunUnderProbe(Func<string, int>? childOf, string file, params string[] arguments)
    {
        using var probe = ModernProbe.Load(new ProbeSettings { Interest = NativeSyscalls.NumbersOf("execve", "execveat") });
        using var captured = new CapturedEvents(probe);
        probe.Attach();
        int pid;
        try
        {
            pid = Run(file, arguments, out var output);
            if (childOf is not null) pid = childOf(output);
        }
        finally
        {
            probe.Detach();
        }
        return captured.StopAndCollect()
            .Where(f => FrameReading.ThreadIdOf(f) == (ulong)pid && FrameReading.View(f).Info.EnumName is "PPME_SYSCALL_EXECVE_19_X" or "PPME_SYSCALL_EXECVEAT_X")
            .OrderBy(f => FrameReading.View(f).Timestamp)
            .ToList();
    }

    static string FlagsOf(string line) => line.Split(' ').Single(p => p.StartsWith("flags="));

    static string TextOf(byte[] frame)
    {
        var line = new Utf8Buffer();
        new EventFormatter(utcOffset: TimeSpan.Zero).WriteText(line, FrameReading.View(frame), 0, 0);
        return line.ToString();
    }

    /// <summary>
    /// A copy of true owned by root in <paramref name="dir"/>, on a file system root may write:
    /// /usr/bin/true itself is not writable where / is mounted read-only (the qemu guest of
    /// scripts/vm/modern-specs-in-vm.sh sees this machine's root over read-only 9p).
    /// </summary>
    static string RootOwnedTrue(TempDirectory dir)
    {
        var binary = Path.Combine(dir.Path, "true");
        File.Copy("/usr/bin/true", binary);
        return binary;
    }

    /// <summary>
    /// The flag a binary run by root gets where it lies: writable unless its file system is read-only
    /// (or the file immutable), as test -w, which asks access(2), says.
    /// </summary>
    static uint WritableForRoot(string path)
    {
        using var test = Process.Start(new ProcessStartInfo("test", ["-w", path]))!;
        test.WaitForExit();
        return test.ExitCode == 0 ? Writable : 0;
    }

    /// <summary>Runs a program to completion; it must succeed. Returns its pid.</summary>
    internal static int Run(string file, params string[] arguments) => Run(file, arguments, out _);

    static int Run(string file, string[] arguments, out string standardOutput)
    {
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {error}{output.Result}");
        standardOutput = output.Result;
        return process.Id;
    }

    internal sealed class TempDirectory(string prefix) : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

        public string Sub(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>An overlayfs mounted on Merged from Lower, Upper and Work under a temp directory; unmounted and removed on dispose.</summary>
    internal sealed class Overlay : IDisposable
    {
        readonly TempDirectory _dir = new("capture-exec-overlay-");

        public Overlay()
        {
            (Lower, Upper, Work, Merged) = (_dir.Sub("lower"), _dir.Sub("upper"), _dir.Sub("work"), _dir.Sub("merged"));
            try
            {
                Run("mount", "-t", "overlay", "capture-exec-overlay", "-o", $"lowerdir={Lower},upperdir={Upper},workdir={Work}", Merged);
            }
            catch
            {
                _dir.Dispose();
                throw;
            }
        }

        public string Lower { get; }
        public string Upper { get; }
        public string Work { get; }
        public string Merged { get; }

        public void Dispose()
        {
            try
            {
                Run("umount", Merged);
            }
            finally
            {
                _dir.Dispose();
            }
        }
    }
}

/// <summary>A kernel fact that also needs an overlayfs mount; skipped with the reason when one cannot be made.</summary>
public sealed class OverlayFactAttribute : FactAttribute
{
    static readonly Lazy<string?> s_missing = new(() =>
    {
        try
        {
            using var overlay = new ExecFlagsSpecs.Overlay();
            return null;
        }
        catch (Exception e)
        {
            return $"cannot mount overlayfs here: {e.Message}";
        }
    });

    public OverlayFactAttribute()
    {
        Skip = ProbeAvailability.Missing is { } missing ? $"the eBPF probe cannot load here: {missing}" : s_missing.Value;
    }
}

/// <summary>A kernel fact that also needs chattr +i on the temp directory's filesystem; skipped with the reason without it.</summary>
public sealed class ImmutableFileFactAttribute : FactAttribute
{
    static readonly Lazy<string?> s_missing = new(() =>
    {
        using var dir = new ExecFlagsSpecs.TempDirectory("capture-exec-chattr-");
        var file = Path.Combine(dir.Path, "probe");
        File.WriteAllText(file, "");
        try
        {
            ExecFlagsSpecs.Run("chattr", "+i", file);
            ExecFlagsSpecs.Run("chattr", "-i", file);
            return null;
        }
        catch (Exception e)
        {
            return $"the temp directory's filesystem does not take chattr +i: {e.Message}";
        }
    });

    public ImmutableFileFactAttribute()
    {
        Skip = ProbeAvailability.Missing is { } missing ? $"the eBPF probe cannot load here: {missing}" : s_missing.Value;
    }
}
