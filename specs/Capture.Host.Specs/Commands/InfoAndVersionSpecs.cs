using Capture.Native.Schema;

namespace Capture.Host.Specs.Commands;

public sealed class InfoAndVersionSpecs
{
    [Fact]
    public void Version_names_the_driver_api_and_schema_versions()
    {
        var result = CommandRunner.Run("--version");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"API version: {EventTable.ApiVersion}", result.Output);
        Assert.Contains($"Schema version: {EventTable.SchemaVersion}", result.Output);
    }

    [Fact]
    public void Version_alone_answered_before_the_command_line_is_built_prints_what_the_command_line_prints()
    {
        // The process takes the short way for a lone --version; in process, the same words go
        // through System.CommandLine's version option.
        var process = CaptureProcess.Run("--version");
        Assert.True(process.ExitCode == 0, process.ToString());
        Assert.Equal(CommandRunner.Run("--version").Output, process.Output);
        Assert.Equal("", process.Error);
    }

    [Fact]
    public void Info_reports_btf_as_the_filesystem_shows_it_and_lists_every_driver()
    {
        var result = CommandRunner.Run("info");
        Assert.Equal(0, result.ExitCode);
        var btfLine = result.Output.Split('\n').Single(l => l.Contains("  kernel BTF:"));
        Assert.StartsWith(File.Exists("/sys/kernel/btf/vmlinux") ? "ok" : "MISS", btfLine);
        foreach (var driver in new[] { "modern", "replay", "simulated" })
            Assert.Contains($"  {driver}: ", result.Output);
    }

    [Fact]
    public void Info_says_the_modern_driver_cannot_run_exactly_when_a_kernel_check_fails()
    {
        var result = CommandRunner.Run("info");
        var lines = result.Output.Split('\n');
        var kernelChecksOk = lines.Where(l => l.Contains("  kernel BTF:") || l.Contains("BPF ring buffer") || l.Contains("tracepoints") || l.Contains(" or later:"))
            .All(l => l.StartsWith("ok", StringComparison.Ordinal));
        var modern = lines.Single(l => l.Contains("  modern: "));
        if (!kernelChecksOk) Assert.StartsWith("no", modern);
        else Assert.StartsWith("ok", modern.TrimStart());
    }

    [Theory]
    [InlineData("6.18.44-fc-v669", 6, 18)]
    [InlineData("5.17.0", 5, 17)]
    [InlineData("6.1.0-28-amd64", 6, 1)]
    [InlineData("5.4.0-150-generic", 5, 4)]
    public void Kernel_releases_read_as_their_major_and_minor_version(string release, int major, int minor)
    {
        Assert.Equal(new Version(major, minor), Capture.Native.Diagnostics.MachineReport.KernelVersion(release));
    }

    [Fact]
    public void Info_checks_the_kernel_against_the_oldest_the_probe_supports()
    {
        var line = CommandRunner.Run("info").Output.Split('\n').Single(l => l.Contains(" or later:"));
        var running = Capture.Native.Diagnostics.MachineReport.KernelVersion(File.ReadAllText("/proc/sys/kernel/osrelease").Trim());
        Assert.StartsWith(running >= Capture.Native.Diagnostics.MachineReport.ProbeNeedsKernel ? "ok" : "MISS", line);
        Assert.Contains("kernel 5.17 or later", line);
    }
}
