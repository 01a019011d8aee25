using Capture.Plugins;

namespace Capture.Actors.Plugins;

/// <summary>A plugin ready to register: its instance, where it came from, and the context it lives in (null for one built in).</summary>
public sealed record LoadedPlugin(ICapturePlugin Plugin, string Source, string BuiltAgainst, PluginLoadContext? Context)
{
    public string Name => Plugin.Name;

    public override string ToString() => $"{Plugin.Name} {Plugin.Version} (contract {BuiltAgainst}) from {Source}";
}

/// <summary>Why something under the plugin directory was not loaded; the rest loads regardless.</summary>
public sealed record PluginProblem(string Source, string Message)
{
    public override string ToString() => $"{Source}: {Message}";
}

/// <summary>What a load found: the plugins that will run, and what was refused and why.</summary>
public sealed record PluginLoadResult(IReadOnlyList<LoadedPlugin> Plugins, IReadOnlyList<PluginProblem> Problems)
{
    public static readonly PluginLoadResult None = new([], []);
}
