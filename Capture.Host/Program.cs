using System.CommandLine;
using Capture.Host.Commands;

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
