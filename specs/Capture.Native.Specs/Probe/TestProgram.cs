using System.Diagnostics;

namespace Capture.Native.Specs.Probe;

/// <summary>
/// driver/testprog, built by the .NET build into artifacts/driver. Runs it to completion
/// and returns its output lines: "NAME BEFORE_NS AFTER_NS RET" per known call.
/// </summary>
public static class TestProgram
{
    public static string Path { get; } = System.IO.Path.Combine(RepoPaths.Root, "artifacts", "driver", "capture_testprog");

    public static Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        return Process.Start(info)!;
    }

    public static IReadOnlyList<KnownCall> Run(out int pid, params string[] arguments)
    {
        using var process = Start(arguments);
        pid = process.Id;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"capture_testprog {string.Join(' ', arguments)} exited {process.ExitCode}: {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(KnownCall.Parse).ToArray();
    }
}

/// <summary>One output line of the test program.</summary>
public sealed record KnownCall(string Name, ulong Before, ulong After, long Result, string[] Fields)
{
    public static KnownCall Parse(string line)
    {
        var f = line.Split(' ');
        ulong At(int i) => f.Length > i && ulong.TryParse(f[i], out var v) ? v : 0;
        return new KnownCall(f[0], At(1), At(2), f.Length > 3 && long.TryParse(f[3], out var r) ? r : 0, f);
    }
}
