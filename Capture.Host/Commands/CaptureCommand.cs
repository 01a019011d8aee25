using System.CommandLine;

namespace Capture.Host.Commands;

/// <summary>The `capture` command line, with sysdig's flag names.</summary>
public static class CaptureCommand
{
    public static RootCommand Build()
    {
        var root = new RootCommand("capture: Linux syscall capture, sysdig-compatible, on Akka.NET");
        root.SetAction(_ =>
        {
            Console.Error.WriteLine("capture: nothing to do yet; see --help");
            return 2;
        });
        return root;
    }
}
