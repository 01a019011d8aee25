using System.Diagnostics;

namespace Capture.Specs.Support;

/// <summary>The reference reader: Debian's sysdig 0.29.3, installed by scripts/setup.sh.</summary>
public static class Sysdig
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>Killed by a signal (128 + signal number as the shell reports it, or a negative code).</summary>
        public bool Crashed => ExitCode >= 128 || ExitCode < 0;

        /// <summary>The lines sysdig printed, empty ones left out (as CaptureProcess.Result.Lines).</summary>
        public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static Result Read(string capture, params string[] extra)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-r");
        start.ArgumentList.Add(capture);
        foreach (var arg in extra) start.ArgumentList.Add(arg);
        // A fixed zone so the times it prints do not depend on the machine.
        start.Environment["TZ"] = "UTC";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, error);
    }

    /// <summary>Reads a file that sysdig must open; when it cannot, the spec fails with sysdig's own message.</summary>
    public static Result Open(string capture, params string[] extra)
    {
        var result = Read(capture, extra);
        if (result.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"sysdig -r {capture} exited {result.ExitCode}: {result.Error.Trim()}");
        return result;
    }

    // Looked up on first use rather than in a static initializer, so a missing sysdig fails
    // each spec with the message below instead of a TypeInitializationException.
    static string? s_executable;
    static string Executable => s_executable ??= Find();

    static string Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "sysdig");
            if (File.Exists(candidate)) return candidate;
        }
        throw new Xunit.Sdk.XunitException("sysdig is not on PATH; it is the reference reader these specs check files with: run scripts/setup.sh");
    }
}
