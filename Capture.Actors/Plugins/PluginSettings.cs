namespace Capture.Actors.Plugins;

public sealed record PluginSettings
{
    /// <summary>A stage call running longer than this is reported, and its plugin handled by its failure policy from then on.</summary>
    public TimeSpan HangAfter { get; init; } = TimeSpan.FromSeconds(5);
}
