using System.Diagnostics;
using Capture.Native.Batches;

namespace Capture.Actors.Plugins;

/// <summary>
/// Lets a watchdog on another thread see how long the current plugin call has run, and
/// take it over once it runs too long. Enter and Leave are called by the worker around each
/// call; <see cref="TryAbandon"/> by the watchdog. Exactly one of Leave and TryAbandon wins
/// a call, decided by one compare-and-swap, so the batch held for the call is settled once.
/// </summary>
sealed class CallWatch
{
    const int Idle = 0;
    const int Running = 1;
    const int Abandoned = 2;

    int _state;
    long _startedAt;
    PluginStage? _stage;
    EventBatch? _batch;

    public void Enter(PluginStage stage, EventBatch batch)
    {
        _stage = stage;
        _batch = batch;
        Volatile.Write(ref _startedAt, Stopwatch.GetTimestamp());
        Volatile.Write(ref _state, Running);
    }

    /// <summary>False when the watchdog abandoned the call meanwhile: the caller must then leave everything to it.</summary>
    public bool Leave() => Interlocked.CompareExchange(ref _state, Idle, Running) == Running;

    public bool IsAbandoned => Volatile.Read(ref _state) == Abandoned;

    /// <summary>Takes over a call that has run longer than <paramref name="limit"/>; returns the stage and the batch it held.</summary>
    public bool TryAbandon(TimeSpan limit, out PluginStage stage, out EventBatch batch)
    {
        stage = null!;
        batch = null!;
        if (Volatile.Read(ref _state) != Running) return false;
        if (Stopwatch.GetElapsedTime(Volatile.Read(ref _startedAt)) < limit) return false;
        if (Interlocked.CompareExchange(ref _state, Abandoned, Running) != Running) return false;
        stage = _stage!;
        batch = _batch!;
        return true;
    }
}
