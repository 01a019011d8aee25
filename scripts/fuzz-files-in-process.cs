#:project ../Capture.Host/Capture.Host.csproj
// Reads every mutant in a folder with `capture -r FILE -q` and `-r FILE -j` through the
// command's own parser and handlers, in this one process: the whole campaign in seconds where
// a process per read takes most of a second each. scripts/fuzz-files.sh --in-process runs it.
// A crash is an exception out of Invoke, an exit status above 1 or a stack trace on stderr; a
// hang is a read still running after 30 s. Events go to stdout; verdicts and counts to stderr.
using System.CommandLine;
using Capture.Host.Commands;

var mutants = Directory.GetFiles(args[0], "m*.scap").Order().ToArray();
int ok = 0, crashes = 0, hangs = 0;
foreach (var mutant in mutants)
    foreach (var mode in new[] { "-q", "-j" })
    {
        var error = new StringWriter();
        var exit = -1;
        Exception? escaped = null;
        var read = new Thread(() =>
        {
            try
            {
                exit = CaptureCommand.Parse(["-r", mutant, mode]).Invoke(new InvocationConfiguration { Output = TextWriter.Null, Error = error });
            }
            catch (Exception e)
            {
                escaped = e;
            }
        }) { IsBackground = true };
        read.Start();
        if (!read.Join(TimeSpan.FromSeconds(30)))
        {
            hangs++;
            Console.Error.WriteLine($"hang {mode} {mutant}");
            continue;
        }
        var said = error.ToString();
        if (escaped is null && exit <= 1 && !said.Contains("Unhandled") && !said.Contains("   at "))
        {
            ok++;
            continue;
        }
        crashes++;
        Console.Error.WriteLine($"crash {mode} {mutant} (exit {exit}): {escaped?.Message ?? said.Split('\n').FirstOrDefault(l => l.Contains("Exception"))}");
    }
Console.Error.WriteLine($"{mutants.Length} mutants, {ok + crashes + hangs} reads in one process: ok {ok}, crashes {crashes}, hangs {hangs}");
