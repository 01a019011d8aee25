using Capture.Plugins;
using Capture.Plugins.Samples.SyscallCounts;

[assembly: CapturePlugin(typeof(SyscallCountsPlugin))]

namespace Capture.Plugins.Samples.SyscallCounts;

/// <summary>
/// Counts syscalls per thread and writes the table when the capture ends. Configuration,
/// section <c>Plugins:syscall-counts</c>:
/// <code>
/// "Output": "syscall-counts.tsv"   where the table goes (tab-separated: tid, syscall, count)
/// </code>
/// The sink is lossless: a count that silently missed batches would be wrong.
/// </summary>
public sealed class SyscallCountsPlugin : ICapturePlugin
{
    public string Name => "syscall-counts";

    public Version Version => new(2, 0);

    public void Register(IPluginRegistration registration)
    {
        var output = registration.Configuration["Output"] is { Length: > 0 } path ? path : "syscall-counts.tsv";
        registration.AddSink(new SyscallCountsSink(output, registration.Events), SinkDelivery.Lossless());
    }
}
