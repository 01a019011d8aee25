namespace Capture.Actors.Drivers.Replay;

/// <summary>
/// Loads a replay of a capture; each load opens the source again, so a reload starts the
/// file over. The file reader's adapter is passed in as <paramref name="open"/>.
/// </summary>
public sealed class ReplayDriverLoader(string name, Func<IFrameSource> open) : IDriverLoader
{
    ReplayDriver? _last;

    public string Name => $"replay of {name}";

    /// <summary>Why the last replay stopped before the end of its source, or null.</summary>
    public Exception? SourceError => _last?.SourceError;

    public ICaptureDriver Load() => _last = new ReplayDriver(open());
}
