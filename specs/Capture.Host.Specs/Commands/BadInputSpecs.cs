using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Capture.Host.Specs.Commands;

/// <summary>
/// Every bad value or path a new user is likely to give, run through the real command: it is
/// refused with one line on stderr that names it, a non-zero exit, and no stack trace anywhere.
/// </summary>
public sealed class BadInputSpecs
{
    const string Busy = "{busy-port}";
    static readonly string Fixture = RepoPaths.Fixture("libs-curl_google.scap");

    public static TheoryData<string[], string> BadInputs() => new()
    {
        { ["-r", "/tmp"], "/tmp: it is a directory" },
        { ["-r", "/nonexistent/capture.scap"], "/nonexistent/capture.scap" },
        // stdin is a pipe here: the pipeline reads a file twice, so a pipe cannot be replayed.
        { ["-r", "/dev/stdin", "--driver", "replay"], "/dev/stdin" },
        { ["-r", Fixture, "-w", "/nonexistent/directory/out.scap"], "/nonexistent/directory/out.scap" },
        { ["-r", Fixture, "proc.name="], "proc.name" },
        { ["-r", Fixture, "--bogus"], "--bogus" },
        { ["-r", Fixture, "-n", "abc"], "'abc'" },
        { ["-r", Fixture, "--plugins", "/nonexistent/plugins"], "/nonexistent/plugins" },
        { ["-r", Fixture, "-w", "/tmp/never-written.scap", "-C", "0"], "-C takes a positive whole number of megabytes, not '0'" },
        { ["-r", Fixture, "-w", "/tmp/never-written.scap", "-C", "abc"], "-C takes a positive whole number of megabytes, not 'abc'" },
        { ["-r", Fixture, "-w", "/tmp/never-written.scap", "-G", "-1"], "-G" },
        { ["-r", Fixture, "-w", "/tmp/never-written.scap", "-W", "0"], "-W takes a positive whole number of files, not '0'" },
        { ["-r", Fixture, "-w", "/tmp/never-written.scap", "-e", "1.5"], "-e takes a positive whole number of events, not '1.5'" },
        { ["-r", Fixture, "-C", "1"], "give -w FILE" },
        { ["serve", "--Capture:Driver=Bogus"], "Capture:Driver=Bogus" },
        { ["serve", "--Capture:SnapLen=100"], "Capture:SnapLen" },
        { ["serve", "--bogus"], "--bogus" },
        { ["serve", "--Metrics:Port=abc"], "Metrics:Port=abc" },
        { ["serve", "--Capture:Driver=Simulated", "--metrics-port", Busy], $"127.0.0.1:{Busy}" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void A_bad_value_or_path_is_one_line_naming_it_and_a_non_zero_exit_never_a_stack_trace(string[] args, string named)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var busyPort = ((IPEndPoint)taken.LocalEndpoint).Port.ToString();
        args = [.. args.Select(a => a.Replace(Busy, busyPort))];
        named = named.Replace(Busy, busyPort);

        var (exit, output, error) = Run(args);

        Assert.NotEqual(0, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("capture: ", line);
        Assert.Contains(named, line);
        Assert.DoesNotContain("   at ", output + error);
    }

    /// <summary>Runs `capture` with stdin a pipe that is closed at once; a run that is not refused is killed and fails the spec.</summary>
    static (int Exit, string Output, string Error) Run(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "capture.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"capture {string.Join(' ', args)} was not refused: it was still running after 30 s");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
