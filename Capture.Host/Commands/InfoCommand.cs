using System.CommandLine;
using Capture.Native.Diagnostics;

namespace Capture.Host.Commands;

/// <summary>`capture info`: what this machine offers the drivers, and which can run.</summary>
public static class InfoCommand
{
    public static Command Build()
    {
        var command = new Command("info", "Probe the machine: kernel, BTF, BPF ring buffers, tracepoints, capabilities, and which drivers can run");
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var report = MachineReport.Probe();
            output.WriteLine($"kernel  {report.Kernel}");
            foreach (var check in report.Checks)
                output.WriteLine($"{(check.Ok ? "ok  " : "MISS")}  {check.Name}: {check.Detail}");
            output.WriteLine();
            output.WriteLine("drivers");
            foreach (var driver in report.Drivers)
                output.WriteLine($"{(driver.Ok ? "ok  " : "no  ")}  {driver.Name}: {driver.Detail}");
            return 0;
        });
        return command;
    }
}
