using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Capture.Host.Specs.EndToEnd;

/// <summary>
/// The modern probe's kernel specs (Capture.Native.Specs' Probe namespace) on a second kernel:
/// Debian 12's 6.1 in the qemu guest (scripts/vm/modern-specs-in-vm.sh), against the same
/// specs run here (scripts/vm/modern-specs-guest.sh on this machine). The CO-RE probe must load
/// and pass the verifier on both. Under TCG the guest run takes an hour or more, so the fact is
/// run only with MODERN_VM_SPECS=1; MODERN_VM_SAVED=1 checks the outputs the last run kept in
/// /var/tmp/modern-specs-vm again without running them.
/// </summary>
public sealed partial class ModernSpecsVmSpecs(ITestOutputHelper log)
{
    const string Filter = "FullyQualifiedName~Capture.Native.Specs.Probe.";
    const string OutputDir = "/var/tmp/modern-specs-vm";

    [ModernSpecsVmFact]
    public void The_modern_probes_kernel_specs_must_all_pass_on_the_guests_kernel_as_on_this_one()
    {
        var assembly = Path.Combine(RepoPaths.Root, "specs/Capture.Native.Specs/bin/Release/net10.0/Capture.Native.Specs.dll");
        var here = Outcomes.Of(Run(Path.Combine(RepoPaths.Root, "scripts/vm/modern-specs-guest.sh"), [assembly, Filter], TimeSpan.FromMinutes(30), "host-output.txt"));
        var guest = Outcomes.Of(Run(Path.Combine(RepoPaths.Root, "scripts/vm/modern-specs-in-vm.sh"), [Filter], TimeSpan.FromHours(2.5), "guest-output.txt"));
        log.WriteLine($"here ({here.Kernel}): {here.Summary}; guest ({guest.Kernel}): {guest.Summary}");
        foreach (var failed in guest.Failed) log.WriteLine($"failed in the guest: {failed}");
        Assert.True(guest.Total > 0, "the guest ran no spec");
        Assert.Empty(guest.Failed);
        Assert.Empty(here.Failed);
        // the same specs ran in both places: none skipped on one kernel and run on the other
        Assert.Equal(here.Passed.Order(), guest.Passed.Order());
        Assert.Equal(here.Total, guest.Total);
    }

    /// <summary>What one vstest run printed between modern-specs-guest.sh's markers.</summary>
    sealed record Outcomes(string Kernel, IReadOnlyList<string> Passed, IReadOnlyList<string> Failed, IReadOnlyList<string> Skipped)
    {
        public int Total => Passed.Count + Failed.Count + Skipped.Count;
        public string Summary => $"{Total} run, {Passed.Count} passed, {Failed.Count} failed, {Skipped.Count} skipped";

        public static Outcomes Of(string output)
        {
            output = Colour().Replace(output, ""); // the guest's serial console is a terminal to vstest
            var start = SectionStart().Match(output);
            Assert.True(start.Success, $"no '== modern-specs' marker in:\n{output}");
            Assert.Matches(@"(?m)^== end \d+ status \d+", output);
            var lines = SpecLine().Matches(output[start.Index..]);
            IReadOnlyList<string> With(string outcome) => lines.Where(m => m.Groups[1].Value == outcome).Select(m => m.Groups[2].Value).ToList();
            return new Outcomes(start.Groups[1].Value, With("Passed"), With("Failed"), With("Skipped"));
        }
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Colour();

    [GeneratedRegex(@"(?m)^== modern-specs \d+ kernel (\S+)")]
    private static partial Regex SectionStart();

    // vstest's console logger at normal verbosity: one "  Passed NAME [time]" line per spec
    [GeneratedRegex(@"(?m)^\s+(Passed|Failed|Skipped) (Capture\.\S+(?:\(.*?\))?)(?: \[[^\]]*\])?\r?$")]
    private static partial Regex SpecLine();

    string Run(string script, string[] arguments, TimeSpan timeout, string keptAs)
    {
        // the outputs of an earlier run, checked again without running anything: for looking into a failure
        if (Environment.GetEnvironmentVariable("MODERN_VM_SAVED") == "1")
            return File.ReadAllText(Path.Combine(OutputDir, keptAs));
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} ran longer than {timeout}");
        }
        // kept for looking into a failure
        Directory.CreateDirectory(OutputDir);
        File.WriteAllText(Path.Combine(OutputDir, keptAs), output.Result + error.Result);
        log.WriteLine($"{Path.GetFileName(script)} took {clock.Elapsed.TotalSeconds:F0} s, exit {process.ExitCode} (output: {OutputDir}/{keptAs})");
        return output.Result;
    }
}

/// <summary>
/// A fact that runs the probe's kernel specs in the qemu guest: only with MODERN_VM_SPECS=1
/// (an hour or more under TCG), and skipped with the reason where the guest cannot run.
/// </summary>
public sealed class ModernSpecsVmFactAttribute : FactAttribute
{
    public ModernSpecsVmFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("MODERN_VM_SPECS") != "1")
            Skip = "the probe's kernel specs in the 6.1 guest run only with MODERN_VM_SPECS=1 (an hour or more under TCG)";
        else if (new KmodVmFactAttribute().Skip is { } skip) Skip = skip;
    }
}
