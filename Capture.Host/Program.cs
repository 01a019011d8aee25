using System.CommandLine;
using Capture.Host.Commands;

// Interrupts are handled by the live capture itself (first: clean stop, second: exit), so the
// command line library must not start its own termination countdown.
return await CaptureCommand.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
