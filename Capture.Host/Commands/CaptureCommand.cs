using System.CommandLine;

namespace Capture.Host.Commands;

/// <summary>The `capture` command line, with sysdig's flag names.</summary>
public static class CaptureCommand
{
    /// <summary>
    /// Parses a command line. A mistake gets the one line that names it, not the whole help
    /// text: the help is one `--help` away.
    /// </summary>
    public static ParseResult Parse(string[] args)
    {
        var result = Build().Parse(args);
        if (result.Action is System.CommandLine.Invocation.ParseErrorAction error) error.ShowHelp = false;
        return result;
    }

    public static RootCommand Build()
    {
        var read = new Option<FileInfo?>("--read", "-r") { Description = "Read events from a scap capture file (plain or gzip) instead of the live driver" };
        var write = new Option<FileInfo?>("--write", "-w") { Description = "Write events to a scap capture file (mode 0600) instead of printing them" };
        var compress = new Option<bool>("--compress", "-z") { Description = "gzip the file written with -w" };
        var json = new Option<bool>("--json", "-j") { Description = "Print JSON lines with sysdig's keys plus evt.args" };
        var count = new Option<long?>("--numevents", "-n") { Description = "Stop after this many events" };
        var sysdig2022 = new Option<bool>("--sysdig-2022") { Description = "With -w: write layouts the 2022 reader (sysdig 0.29.3) accepts; see README" };
        count.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is <= 0) r.AddError("-n must be a positive number of events");
        });

        var root = new RootCommand("capture: Linux syscall capture, sysdig-compatible, on Akka.NET")
        {
            read, write, compress, json, count, sysdig2022,
        };
        foreach (var option in root.Options)
            if (option is VersionOption version)
                version.Action = new PrintVersionAction();
        root.Subcommands.Add(InfoCommand.Build());
        root.SetAction(parse =>
        {
            var input = parse.GetValue(read);
            if (input is null)
            {
                parse.InvocationConfiguration.Error.WriteLine("capture: live capture is not available yet; read a file with -r FILE");
                return 2;
            }
            var options = new ReadOptions(input.FullName, parse.GetValue(write)?.FullName, parse.GetValue(json),
                parse.GetValue(compress), parse.GetValue(sysdig2022), parse.GetValue(count));
            using var stdout = Console.OpenStandardOutput();
            return new FileReplay(options, stdout, parse.InvocationConfiguration.Error).Run();
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
