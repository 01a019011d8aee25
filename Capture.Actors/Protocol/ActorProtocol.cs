using Akka.Event;
using Capture.Actors.Drivers;
using Capture.Actors.Supervision;
using Capture.Native.Schema;

namespace Capture.Actors.Protocol;

/// <summary>
/// Tells a ring reader to drain its ring as far as the hand-off allows. One may still be on its
/// way (the poll timer, a hand-off with room again) when a reader stops for a reload or at the
/// end: that is expected, so it is not logged as a dead letter.
/// </summary>
public sealed record DrainRing : IDeadLetterSuppression
{
    public static readonly DrainRing Instance = new();
}

/// <summary>A reader's ring threw: the driver instance is dead. Sent to the supervisor.</summary>
public sealed record RingFaulted(int Ring, Exception Cause);

/// <summary>Asks the supervisor to detach the driver for good; the stream then ends.</summary>
public sealed record StopCapture
{
    public static readonly StopCapture Instance = new();
}

/// <summary>
/// Asks the supervisor to detach the driver and load one again: from
/// <paramref name="Loader"/> if given (new settings, a new probe), else from the current loader.
/// </summary>
public sealed record ReloadDriver(string Reason, IDriverLoader? Loader = null);

/// <summary>
/// Asks the supervisor to change settings the running driver keeps in maps (decision 8), with
/// no reload and no gap. A driver that cannot change them live is reloaded instead. Either
/// way the loader keeps them for every later load. Processed in order with other messages: a
/// <see cref="GetDriverStatus"/> sent after it is answered once the change is in place.
/// </summary>
public sealed record ApplyLiveSettings(LiveSettings Settings, string Reason);

/// <summary>Asks the supervisor for a <see cref="DriverStatus"/>.</summary>
public sealed record GetDriverStatus
{
    public static readonly GetDriverStatus Instance = new();
}

/// <param name="Restarts">Restarts after faults since the last stable run.</param>
/// <param name="Reason">Why the supervisor is in this state: the fault, the reload request, or why it gave up.</param>
public sealed record DriverStatus(DriverState State, string? Reason, int Restarts, SemanticVersion? Api, SemanticVersion? Schema);

/// <summary>Published on the event stream at every change of state.</summary>
public sealed record DriverStateChanged(DriverState State, string? Reason, int Restarts);

/// <summary>Published on the event stream when a sink threw or stalled: it was cut off, the others went on.</summary>
public sealed record SinkFailure(string Sink, Exception Cause);
