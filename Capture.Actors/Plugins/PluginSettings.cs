namespace Capture.Actors.Plugins;

public sealed record PluginSettings
{
    /// <summary>Elements an extension point's worker may hold before the point stops pulling.</summary>
    public int BufferCapacity { get; init; } = 16;

    /// <summary>A stage call running longer than this is abandoned and its plugin handled by its failure policy.</summary>
    public TimeSpan HangAfter { get; init; } = TimeSpan.FromSeconds(5);
}
