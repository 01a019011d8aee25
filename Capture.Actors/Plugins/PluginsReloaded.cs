namespace Capture.Actors.Plugins;

/// <summary>Published on the event stream after every load of the plugins, the first one included.</summary>
public sealed record PluginsReloaded(int Generation, IReadOnlyList<string> Plugins, IReadOnlyList<PluginProblem> Problems);
