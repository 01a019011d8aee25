using System.CommandLine;
using Capture.Host.Commands;

namespace Capture.Host.Specs;

/// <summary>Runs the `capture` command line in-process and keeps what it printed.</summary>
public static class CommandRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CaptureCommand.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new(exit, output.ToString(), error.ToString());
    }
}
