using Capture.Native.Batches;
using Capture.Native.Schema;

namespace Capture.Actors.Drivers;

/// <summary>
/// One loaded instance of a driver: where rings come from. The supervisor reads the versions
/// before <see cref="Start"/>, and disposes the instance to detach (fault, reload, shutdown).
/// An instance is started at most once; a reload loads a new one.
/// </summary>
public interface ICaptureDriver : IDisposable
{
    /// <summary>What this is, for messages: "simulated", "modern_bpf", a file name.</summary>
    string Name { get; }

    SemanticVersion ApiVersion { get; }

    SemanticVersion SchemaVersion { get; }

    /// <summary>Attaches and returns one ring per CPU. Batches handed over come from <paramref name="pool"/>.</summary>
    IReadOnlyList<IEventRing> Start(EventBatchPool pool);

    /// <summary>
    /// What the operator should know once <see cref="Start"/> has run: something optional this
    /// instance could not do, one line each. The supervisor logs them at each start, so the
    /// command line, a service's log and an embedding program all hear of them.
    /// </summary>
    IReadOnlyList<string> Warnings => [];

    /// <summary>
    /// Changes <paramref name="settings"/> on this running instance, with nothing detached and
    /// no event missed, and returns true; or returns false when this kind of driver cannot
    /// (replay and simulated drivers have nothing to change), and the supervisor reloads
    /// instead. Throws when it could but the change failed part way; the supervisor reloads
    /// then too, so the new instance starts with the settings whole.
    /// </summary>
    bool TryApplyLive(LiveSettings settings) => false;
}
