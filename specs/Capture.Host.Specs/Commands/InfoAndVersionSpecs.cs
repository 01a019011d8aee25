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
        var kernelChecksOk = lines.Where(l => l.Contains("  kernel BTF:") || l.Contains("BPF ring buffer") || l.Contains("tracepoints"))
            .All(l => l.StartsWith("ok", StringComparison.Ordinal));
        var modern = lines.Single(l => l.Contains("  modern: "));
        if (!kernelChecksOk) Assert.StartsWith("no", modern);
        else Assert.StartsWith("ok", modern.TrimStart());
    }
}
