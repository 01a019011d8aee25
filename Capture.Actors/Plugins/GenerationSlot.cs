namespace Capture.Actors.Plugins;

/// <summary>
/// Where the current plugin generation is published: the host swaps it on every load, the
/// extension points and sinks read it (through a <see cref="GenerationLease"/>). Users hold
/// this slot rather than the host, so they depend on what they read and nothing more.
/// </summary>
sealed class GenerationSlot
{
    PluginGeneration? _current;

    public PluginGeneration Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("the plugin host is not attached to a pipeline");

    /// <summary>The generation current before this one, or null.</summary>
    public PluginGeneration? Publish(PluginGeneration generation) => Interlocked.Exchange(ref _current, generation);

    public PluginGeneration? Peek() => Volatile.Read(ref _current);
}
