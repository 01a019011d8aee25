using Capture.Actors.Drivers;
using Capture.Native.Polling;
using Capture.Native.Schema;

namespace Capture.Actors.Protocol;

/// <summary>
/// A ring threw while the stream read it: the ring has left the merge, with its losses so far,
/// and the driver instance it belongs to is in trouble. Sent by the stream to the ring's
/// reader, which passes it to the supervisor. <paramref name="Offset"/> is where in the ring
/// reading stopped, when the fault knows (an unreadable record header).
/// </summary>
public sealed record RingFaulted(int Ring, ulong? Offset, string Reason, Exception Cause)
{
    public static RingFaulted Of(int ring, Exception cause) =>
        new(ring, cause is RingUnreadableException unreadable ? unreadable.Position : null, cause.Message, cause);
}

/// <summary>Tells a ring reader to take its ring out of the stream (reload, stop).</summary>
public sealed record LeaveRing
{
    public static readonly LeaveRing Instance = new();
}

/// <summary>The stream has let go of the ring and the merge has its last losses; its reader can stop.</summary>
public sealed record RingDetached(int Ring);

/// <summary>The ring will hand over nothing more (end of a replay) and has left the merge.</summary>
public sealed record RingFinished(int Ring);

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
/// <param name="Fault">The failure behind that reason, as thrown, while the state is owed to one
/// (restarting after a fault, or failed): an <see cref="IncompatibleDriverException"/>, a
/// <see cref="RingUnreadableException"/>, a <see cref="PollerDiedException"/>, the loader's
/// own exception, or a <see cref="RestartsExhaustedException"/> carrying the last of them.</param>
public sealed record DriverStatus(DriverState State, string? Reason, int Restarts, SemanticVersion? Api, SemanticVersion? Schema, Exception? Fault = null);

/// <summary>Published on the event stream at every change of state.</summary>
public sealed record DriverStateChanged(DriverState State, string? Reason, int Restarts, Exception? Fault = null);

/// <summary>Published on the event stream when a sink threw or stalled: it was cut off, the others went on.</summary>
public sealed record SinkFailure(string Sink, Exception Cause);
