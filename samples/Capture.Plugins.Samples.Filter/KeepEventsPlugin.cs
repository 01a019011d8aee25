using Capture.Plugins;
using Capture.Plugins.Samples.Filter;

[assembly: CapturePlugin(typeof(KeepEventsPlugin))]

namespace Capture.Plugins.Samples.Filter;

/// <summary>
/// Keeps only the events of the configured types or threads. Configuration, section
/// <c>Plugins:keep</c>:
/// <code>
/// "Types":     [ "open", "read" ]   event names as the schema spells them (both directions), or numeric ids
/// "ThreadIds": [ 1234 ]             thread ids as the event header carries them (a single-threaded process: its pid)
/// "At":        "AfterMerge"         AfterDecode, AfterMerge, or the name of a sink to filter for that sink only
/// "FailClosed": false               true: if the filter ever fails, drop rather than let unfiltered events through
/// </code>
/// An event is kept when its type or its thread is listed; with nothing listed, nothing is kept.
/// </summary>
public sealed class KeepEventsPlugin : ICapturePlugin
{
    public string Name => "keep";

    public Version Version => new(2, 0);

    public void Register(IPluginRegistration registration)
    {
        var config = registration.Configuration;
        var filter = KeepFilter.From(
            registration.Events,
            config.GetSection("Types").GetChildren().Select(c => c.Value ?? ""),
            config.GetSection("ThreadIds").GetChildren().Select(c => ulong.Parse(c.Value ?? "", System.Globalization.CultureInfo.InvariantCulture)));
        var at = config["At"] switch
        {
            null or "" or "AfterMerge" => ExtensionPoint.AfterMerge,
            "AfterDecode" => ExtensionPoint.AfterDecode,
            var sink => ExtensionPoint.BeforeSink(sink),
        };
        var failClosed = bool.TryParse(config["FailClosed"], out var closed) && closed;
        registration.AddStage(at, filter, failClosed ? PluginFailurePolicy.FailClosed : PluginFailurePolicy.FailOpen);
    }
}
