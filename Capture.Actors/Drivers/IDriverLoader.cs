namespace Capture.Actors.Drivers;

/// <summary>
/// Loads a fresh driver instance; the supervisor calls it on start, after a fault and on a
/// reload. A load that fails throws (<see cref="DriverFaultException"/> or anything else);
/// the supervisor retries with backoff.
/// </summary>
public interface IDriverLoader
{
    string Name { get; }

    ICaptureDriver Load();

    /// <summary>
    /// Loads every instance from now on with <paramref name="settings"/>: after a live change
    /// a restart or reload must not bring the old ones back. A loader whose drivers have no
    /// such settings ignores them.
    /// </summary>
    void UseLiveSettings(LiveSettings settings) { }
}
