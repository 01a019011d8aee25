using System.Diagnostics;

namespace Capture.Host.Specs;

/// <summary>Runs the real `capture` executable, as a user would, and keeps what it printed.</summary>
public static class CaptureProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static Result Run(params string[] args) => RunWith(new Dictionary<string, string>(), args);

    /// <summary>Runs `capture` with extra environment variables (plugin settings, say).</summary>
    public static Result RunWith(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Start(environment, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, error);
    }

    /// <summary>Starts `capture` with stdout and stderr redirected; the caller reads and waits.</summary>
    public static Process Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args) => StartIn(null, environment, args);

    /// <summary>Starts `capture` in <paramref name="directory"/> (where `serve` finds appsettings.json); null: the spec's own.</summary>
    public static Process StartIn(string? directory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (directory is not null) start.WorkingDirectory = directory;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "capture.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The same fixed zone the sysdig helper uses, so times of day compare.
        start.Environment["TZ"] = "UTC";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    /// <summary>Sends <paramref name="signal"/> (a number or a name such as HUP) to a process, as kill(1) does.</summary>
    public static void Signal(int pid, string signal) => Process.Start("kill", [$"-{signal}", pid.ToString()])!.WaitForExit();
}
