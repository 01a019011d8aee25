using System.Diagnostics;

namespace Capture.Actors.Sinks;

/// <summary>
/// The call a sink's worker is in (write, gap or complete), seen from the fan-out's stall
/// timer. Enter and Leave are called by the worker around each call; <see cref="TryCutOff"/>
/// by the timer. Exactly one of Leave and TryCutOff wins a call, decided by one
/// compare-and-swap, so the events the call holds are counted once: as delivered by the
/// worker, or as dropped by whoever cut the sink off.
/// </summary>
sealed class SinkCall
{
    const int Idle = 0;
    const int Running = 1;
    const int CutOff = 2;

    int _state;
    long _startedAt;
    int _events;
    string _name = "";

    /// <summary><paramref name="name"/>: which call, for the report; <paramref name="events"/>: what it holds, counted as dropped if it never returns.</summary>
    public void Enter(string name, int events)
    {
        _name = name;
        _events = events;
        Volatile.Write(ref _startedAt, Stopwatch.GetTimestamp());
        Volatile.Write(ref _state, Running);
    }

    /// <summary>False when the sink was cut off meanwhile: the worker must then touch nothing more.</summary>
    public bool Leave() => Interlocked.CompareExchange(ref _state, Idle, Running) == Running;

    /// <summary>Takes over a call that has run at least <paramref name="limit"/>: which call, the events it held and how long it ran.</summary>
    public bool TryCutOff(TimeSpan limit, out string name, out int events, out TimeSpan ran)
    {
        name = "";
        events = 0;
        ran = Volatile.Read(ref _state) == Running ? Stopwatch.GetElapsedTime(Volatile.Read(ref _startedAt)) : TimeSpan.Zero;
        if (ran < limit) return false;
        if (Interlocked.CompareExchange(ref _state, CutOff, Running) != Running) return false;
        name = _name;
        events = _events;
        return true;
    }
}
