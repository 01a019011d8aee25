namespace Capture.Actors.Drivers.Replay;

/// <summary>
/// Loads a replay of a capture; each load opens the source again, so a reload starts the
/// file over. The file reader's adapter is passed in as <paramref name="open"/>.
/// </summary>
public sealed class ReplayDriverLoader(string name, Func<IFrameSource> open) : IDriverLoader
{
    public string Name => $"replay of {name}";

    public ICaptureDriver Load() => new ReplayDriver(open());
}
