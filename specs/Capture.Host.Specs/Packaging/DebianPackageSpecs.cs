namespace Capture.Host.Specs.Packaging;

/// <summary>
/// The Debian package from scripts/package-deb.sh, installed by dpkg into a scratch root with
/// its maintainer scripts run against that root: what it installs, what the scripts make,
/// whether systemd accepts the unit, whether apt can install it here, what lintian says.
/// </summary>
public sealed class DebianPackageSpecs(InstalledCapture installed) : IClassFixture<InstalledCapture>
{
    [Fact]
    public void The_installed_capture_on_PATH_prints_the_version_the_package_is_named_after()
    {
        var run = Tool.Run(installed.Root.At("/usr/bin/capture"), ["--version"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var name = Path.GetFileName(DebianPackage.Path);           // capture_0.1.0_amd64.deb
        var version = name["capture_".Length..name.IndexOf("_amd64", StringComparison.Ordinal)];
        Assert.StartsWith($"capture {version}+", run.Output);
        Assert.Contains("Schema version:", run.Output);
        Assert.Equal(version, Tool.Succeed("dpkg-deb", "--field", DebianPackage.Path, "Version").Output.Trim());
    }

    [Fact]
    public void The_installed_capture_carries_its_runtime_and_the_probe()
    {
        Assert.True(File.Exists(installed.Root.At("/usr/lib/capture/host/libcoreclr.so")));
        var info = Tool.Run(installed.Root.At("/usr/bin/capture"), ["-r", RepoPaths.Fixture("libs-curl_google.scap"), "-n", "5", "evt.type=brk"]);
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Equal(5, info.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        // The probe travels inside Capture.Native.dll as a resource, not as a file beside it.
        var native = File.ReadAllBytes(installed.Root.At("/usr/lib/capture/host/Capture.Native.dll"));
        Assert.True(native.AsSpan().IndexOf("capture_probe.bpf.o"u8) >= 0, "no probe resource in Capture.Native.dll");
    }

    [Fact]
    public void The_capture_on_PATH_is_the_native_file_not_the_runtimes_launcher()
    {
        var onPath = File.ResolveLinkTarget(installed.Root.At("/usr/bin/capture"), returnFinalTarget: true)!.FullName;
        Assert.Equal(installed.Root.At("/usr/lib/capture/capture"), onPath);
        var file = File.ReadAllBytes(onPath);
        Assert.True(file.AsSpan().StartsWith("\u007fELF"u8), "/usr/lib/capture/capture is no ELF file");
        // The runtime's launcher (apphost) starts the runtime through libhostfxr; a NativeAOT
        // file carries its runtime and loads none.
        Assert.True(file.AsSpan().IndexOf("libhostfxr.so"u8) < 0, "/usr/lib/capture/capture is the .NET launcher, not the NativeAOT capture");
        Assert.True(File.Exists(installed.Root.At("/usr/lib/capture/host/capture")), "no host beside the native capture");
        Assert.False(File.Exists(installed.Root.At("/usr/lib/capture/capture.dll")));
    }

    [Theory]
    [InlineData("capture.dll")]
    [InlineData("Capture.Native.dll")]
    [InlineData("Capture.Actors.dll")]
    [InlineData("System.CommandLine.dll")]
    public void The_installed_hosts_assemblies_are_precompiled_so_live_capture_starts_without_compiling_them(string assembly)
    {
        // A ReadyToRun image carries its native code in the CLI header's ManagedNativeHeader
        // directory; an IL-only assembly leaves it empty and is compiled at every start. The
        // host (host/) is what the native capture on PATH hands live capture and serve to.
        using var file = File.OpenRead(installed.Root.At($"/usr/lib/capture/host/{assembly}"));
        using var pe = new System.Reflection.PortableExecutable.PEReader(file);
        var header = pe.PEHeaders.CorHeader ?? throw new InvalidOperationException($"{assembly} is not a .NET assembly");
        Assert.True(header.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} in the package is IL only, not ReadyToRun");
    }

    [Fact]
    public void Postinst_creates_the_capture_user_and_the_directories_it_writes()
    {
        Assert.Equal("/var/lib/capture", installed.Account("capture", 5));
        Assert.Equal("/usr/sbin/nologin", installed.Account("capture", 6));
        var uid = int.Parse(installed.Account("capture", 2));
        Assert.InRange(uid, 1, 999); // a system account, not root
        foreach (var dir in new[] { "/var/lib/capture", "/var/log/capture" })
        {
            var stat = Tool.Succeed("stat", "-c", "%u %a", installed.Root.At(dir)).Output.Trim();
            Assert.Equal($"{uid} 750", stat);
        }
    }

    [Fact]
    public void The_settings_file_is_a_conffile_and_the_unit_runs_serve_as_the_capture_user_from_etc_capture()
    {
        Assert.Equal("/etc/capture/appsettings.json", Tool.Succeed("dpkg-deb", "--info", DebianPackage.Path, "conffiles").Output.Trim());
        Assert.Equal("/usr/bin/capture serve", installed.Service["ExecStart"]);
        Assert.Equal("capture", installed.Service["User"]);
        Assert.Equal("/etc/capture", installed.Service["WorkingDirectory"]);
        Assert.True(File.Exists(installed.Root.At("/etc/capture/appsettings.json")));
        var needed = new[] { "CAP_BPF", "CAP_PERFMON", "CAP_SYS_PTRACE", "CAP_SYS_RESOURCE", "CAP_DAC_READ_SEARCH" };
        Assert.Equal(needed, installed.Service["CapabilityBoundingSet"].Split(' '));
        Assert.Equal(needed, installed.Service["AmbientCapabilities"].Split(' '));
        Assert.Equal("yes", installed.Service["NoNewPrivileges"]);
        Assert.Equal("strict", installed.Service["ProtectSystem"]);
    }

    [Fact]
    public void Systemd_analyze_verify_accepts_the_installed_unit_without_a_word()
    {
        // verify exits 0 on an unknown key or a bad value and only says so: silence is the test.
        // --root makes it look for ExecStart's binary in the installed tree; the man page is
        // checked apart below (verify would ask this machine's man, which has no capture).
        var verify = Tool.Run("systemd-analyze", ["verify", "--man=no", $"--root={installed.Root.Path}", "/lib/systemd/system/capture.service"], workingDirectory: "/");

        Assert.True(verify.ExitCode == 0 && verify.Output.Length == 0 && verify.Error.Length == 0, verify.ToString());
    }

    [Fact]
    public void The_man_page_is_installed_and_man_renders_it_without_a_warning()
    {
        var page = installed.Root.At("/usr/share/man/man1/capture.1.gz");
        var man = Tool.Run("man", ["--warnings", "-l", page], environment: new Dictionary<string, string> { ["MANWIDTH"] = "80" });

        Assert.True(man.ExitCode == 0 && man.Error.Length == 0, man.ToString());
        Assert.Contains("capture serve", man.Output);
    }

    [Fact]
    public void Apt_finds_every_dependency_on_this_Debian()
    {
        // A simulation: nothing is installed, but apt must resolve every Depends from its lists.
        var apt = Tool.Run("apt-get", ["install", "--simulate", "--no-install-recommends", DebianPackage.Path]);

        Assert.True(apt.ExitCode == 0, apt.ToString());
        Assert.Contains("Inst capture", apt.Output);
    }

    [Fact]
    public void Lintian_reports_no_error()
    {
        var lintian = Tool.Run("lintian", ["--allow-root", "--tag-display-limit", "0", DebianPackage.Path]);

        Assert.True(lintian.ExitCode == 0, lintian.ToString());
        Assert.DoesNotContain("E: ", lintian.Output);
    }

    [Fact]
    public void Purging_removes_the_program_the_settings_and_what_the_service_wrote()
    {
        using var root = ScratchRoot.WithPackage(DebianPackage.Path);
        File.WriteAllText(root.At("/var/lib/capture/written.scap"), "state");

        root.Dpkg("--purge", "capture");

        Assert.False(File.Exists(root.At("/usr/lib/capture/capture")));
        Assert.False(File.Exists(root.At("/lib/systemd/system/capture.service")));
        Assert.False(Directory.Exists(root.At("/etc/capture")));
        Assert.False(Directory.Exists(root.At("/var/lib/capture")));
        Assert.False(Directory.Exists(root.At("/var/log/capture")));
    }
}
