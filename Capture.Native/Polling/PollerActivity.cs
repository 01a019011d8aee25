using System.Diagnostics;

namespace Capture.Native.Polling;

/// <summary>
/// Where the polling thread's time goes, to tell why a ring overflowed: how long it paused
/// and how much later than asked it ran again (the wake-up latency, scheduling delay
/// included), how long a round took from waking to every ring drained, and how many rounds
/// skipped the pause because a ring was filling faster than a pause allows. Written by the
/// polling thread only, read at any time; plain counters, nothing allocates.
/// </summary>
public sealed class PollerActivity
{
    static readonly double NsPerTick = 1e9 / Stopwatch.Frequency;

    long _rounds;
    long _pauses;
    long _pausesSkipped;
    long _pausedTicks;
    long _askedNs;
    long _maxLateTicks;
    long _drainTicks;
    long _maxDrainTicks;

    /// <summary>The SCHED_FIFO priority the thread runs at; null if it runs as an ordinary thread.</summary>
    public int? RealTimePriority { get; internal set; }

    /// <summary>The errno of a refused request for a real-time priority (EPERM without CAP_SYS_NICE), or null.</summary>
    public int? RealTimeError { get; internal set; }

    /// <summary>The nice value the thread runs at, once it raised its priority; null if it did not.</summary>
    public int? Nice { get; internal set; }

    /// <summary>The errno of a failed attempt to raise the priority (EACCES without CAP_SYS_NICE), or null.</summary>
    public int? PriorityError { get; internal set; }

    /// <summary>Passes over every ring.</summary>
    public long Rounds => Volatile.Read(ref _rounds);

    /// <summary>Pauses taken between rounds.</summary>
    public long Pauses => Volatile.Read(ref _pauses);

    /// <summary>Rounds followed at once by the next because a ring was filling fast.</summary>
    public long PausesSkipped => Volatile.Read(ref _pausesSkipped);

    /// <summary>Time spent paused, as measured around the sleep (ns).</summary>
    public double PausedNs => Volatile.Read(ref _pausedTicks) * NsPerTick;

    /// <summary>Time the pauses asked for (ns): what <see cref="PausedNs"/> exceeds it by is wake-up latency.</summary>
    public long AskedNs => Volatile.Read(ref _askedNs);

    /// <summary>The most one pause overran what it asked for (ns).</summary>
    public double MaxLateNs => Volatile.Read(ref _maxLateTicks) * NsPerTick;

    /// <summary>Time from waking to every ring drained, summed over rounds (ns).</summary>
    public double DrainNs => Volatile.Read(ref _drainTicks) * NsPerTick;

    /// <summary>The longest round from waking to drained (ns).</summary>
    public double MaxDrainNs => Volatile.Read(ref _maxDrainTicks) * NsPerTick;

    internal void AddRound(long ticks)
    {
        Volatile.Write(ref _rounds, _rounds + 1);
        Volatile.Write(ref _drainTicks, _drainTicks + ticks);
        if (ticks > _maxDrainTicks) Volatile.Write(ref _maxDrainTicks, ticks);
    }

    internal void AddPause(TimeSpan asked, long ticks)
    {
        var askedNs = asked.Ticks * 100;
        Volatile.Write(ref _pauses, _pauses + 1);
        Volatile.Write(ref _pausedTicks, _pausedTicks + ticks);
        Volatile.Write(ref _askedNs, _askedNs + askedNs);
        var late = ticks - (long)(askedNs / NsPerTick);
        if (late > _maxLateTicks) Volatile.Write(ref _maxLateTicks, late);
    }

    internal void AddSkippedPause() => Volatile.Write(ref _pausesSkipped, _pausesSkipped + 1);
}
