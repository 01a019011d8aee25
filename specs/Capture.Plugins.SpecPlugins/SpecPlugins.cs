using Capture.Plugins;
using Capture.Plugins.SpecPlugins;

[assembly: CapturePlugin(typeof(FromThePast), builtAgainst: "1.0")]
[assembly: CapturePlugin(typeof(FromTheFuture), builtAgainst: "2.1")]
[assembly: CapturePlugin(typeof(NotAPlugin))]
[assembly: CapturePlugin(typeof(NeedsDependency))]

namespace Capture.Plugins.SpecPlugins;

/// <summary>Declares it was built against contract 1.0, whose stages and sinks were handed pooled batches.</summary>
public sealed class FromThePast : ICapturePlugin
{
    public string Name => "from-the-past";
    public Version Version => new(1, 0);
    public void Register(IPluginRegistration registration) { }
}

/// <summary>Declares it was built against contract 2.1, a minor version newer than any host here.</summary>
public sealed class FromTheFuture : ICapturePlugin
{
    public string Name => "from-the-future";
    public Version Version => new(2, 1);
    public void Register(IPluginRegistration registration) { }
}

/// <summary>Named as a plugin, but implements nothing.</summary>
public sealed class NotAPlugin
{
    public string Name => "not-a-plugin";
}

/// <summary>A valid plugin whose name comes from another assembly in its folder.</summary>
public sealed class NeedsDependency : ICapturePlugin
{
    public string Name => SpecDependency.Greeting.Text.Length > 0 ? "needs-dependency" : "";
    public Version Version => new(1, 0);
    public void Register(IPluginRegistration registration) { }
}
