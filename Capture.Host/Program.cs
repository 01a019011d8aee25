using System.CommandLine;
using Capture.Host.Commands;

// `capture --version` alone is answered before the command line is built: building it
// compiles System.CommandLine's option types for each value type they hold, which was most of
// what the answer cost. Anything more on the line goes the usual way.
if (args is ["--version"])
{
    Console.Out.WriteLine(VersionText.Render());
    return 0;
}

// Interrupts are handled by the live capture itself (first: clean stop, second: exit), so the
// command line library must not start its own termination countdown.
var parse = CaptureCommand.Parse(args);
if (parse.Errors.Count > 0)
{
    // A usage mistake: one line each (the library lists allowed values on lines of their own),
    // named like every other refusal, and the exit code bad settings get (2).
    foreach (var error in parse.Errors)
        Console.Error.WriteLine($"capture: {System.Text.RegularExpressions.Regex.Replace(error.Message, @"\s*\n\s*", " ")}");
    return 2;
}
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
