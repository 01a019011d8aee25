using Capture.Plugins;
using Capture.Plugins.SpecStalls;

[assembly: CapturePlugin(typeof(StallingSinkPlugin))]

namespace Capture.Plugins.SpecStalls;

/// <summary>
/// Adds one sink that never returns from its first write: lossless unless
/// <c>Plugins:stalls:Lossy</c> is true. Its thread stays blocked until the process ends.
/// </summary>
public sealed class StallingSinkPlugin : ICapturePlugin
{
    public string Name => "stalls";
    public Version Version => new(2, 0);

    public void Register(IPluginRegistration registration)
    {
        var lossy = string.Equals(registration.Configuration["Lossy"], "true", StringComparison.OrdinalIgnoreCase);
        registration.AddSink(new ForeverSink(), lossy ? SinkDelivery.Lossy(capacity: 2) : SinkDelivery.Lossless(capacity: 2));
    }

    sealed class ForeverSink : IPluginSink
    {
        public string Name => "forever";

        public void Write(EventBatchView batch) => Thread.Sleep(Timeout.Infinite);

        public void Gap(CaptureHole hole) { }

        public void Complete() { }
    }
}
