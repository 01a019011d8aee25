using System.CommandLine;

namespace Capture.Host.Commands;

/// <summary>The `capture` command line, with sysdig's flag names.</summary>
public static class CaptureCommand
{
    public static RootCommand Build()
    {
        var root = new RootCommand("capture: Linux syscall capture, sysdig-compatible, on Akka.NET");
        foreach (var option in root.Options)
            if (option is VersionOption version)
                version.Action = new PrintVersionAction();
        root.Subcommands.Add(InfoCommand.Build());
        root.SetAction(_ =>
        {
            Console.Error.WriteLine("capture: nothing to do yet; see --help");
            return 2;
        });
        return root;
    }

    sealed class PrintVersionAction : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(VersionText.Render());
            return 0;
        }
    }
}
