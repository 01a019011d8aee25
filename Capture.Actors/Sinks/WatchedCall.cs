using System.Diagnostics;

namespace Capture.Actors.Sinks;

/// <summary>
/// A call into code that may never return (a sink's write, a plugin stage), seen from a
/// watchdog on another thread. The worker calls Enter and Leave around each call; the watchdog
/// calls <see cref="TryTakeOver"/>. Exactly one of Leave and TryTakeOver wins a call, decided
/// by one compare-and-swap, so what the call holds (<typeparamref name="TCall"/>: the events
/// or the batch in it) is settled once: by the worker when it returns, or by the watchdog that
/// took the call over. The payload is written before the state that publishes it and read
/// only by the winner of the swap.
/// </summary>
sealed class WatchedCall<TCall>
{
    const int Idle = 0;
    const int Running = 1;
    const int TakenOver = 2;

    int _state;
    long _startedAt;
    TCall _call = default!;

    public void Enter(TCall call)
    {
        _call = call;
        Volatile.Write(ref _startedAt, Stopwatch.GetTimestamp());
        Volatile.Write(ref _state, Running);
    }

    /// <summary>False when the watchdog took the call over meanwhile: the worker must then leave everything to it.</summary>
    public bool Leave() => Interlocked.CompareExchange(ref _state, Idle, Running) == Running;

    public bool IsTakenOver => Volatile.Read(ref _state) == TakenOver;

    /// <summary>Takes over a call that has run at least <paramref name="limit"/>: what it held and how long it ran.</summary>
    public bool TryTakeOver(TimeSpan limit, out TCall call, out TimeSpan ran)
    {
        call = default!;
        ran = Volatile.Read(ref _state) == Running ? Stopwatch.GetElapsedTime(Volatile.Read(ref _startedAt)) : TimeSpan.Zero;
        if (ran < limit || ran == TimeSpan.Zero) return false;
        if (Interlocked.CompareExchange(ref _state, TakenOver, Running) != Running) return false;
        call = _call;
        return true;
    }
}
