using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Diagnostics;
using Capture.Native.Batches;
using Capture.Native.Events;
using Capture.Native.Interop;
using Capture.Native.Rings;

namespace Capture.Native.Polling;

/// <summary>
/// The one thread that drains every ring into pooled <see cref="EventBatch"/>es and
/// publishes them per ring through <see cref="RingHandoff"/>s, with watermarks. The probe
/// never wakes us (it writes without wakeups), so the thread polls: a pause after every
/// round, as long as the fastest-filling ring takes to fill a set share of itself
/// (<see cref="RoundPacing"/>), growing while the rings stay empty.
///
/// Per event: validate the frame in ring memory, copy it once into the batch. Nothing
/// allocates once the pool is warm. A corrupt frame is counted and skipped.
///
/// Faults are never silent: a ring whose record headers cannot be trusted is left alone and
/// says why in its <see cref="PollerStatistics.UnreadableFault"/>; a thread that dies on any
/// exception says so in <see cref="Fault"/>. Either way the ring's hand-off is signalled, so
/// its reader looks, finds the fault once the hand-off is empty, and reports it upwards.
/// </summary>
public sealed class RingPoller : IDisposable
{
    readonly RingSource[] _sources;
    readonly EventBatchPool _pool;
    readonly PollerOptions _options;
    readonly Func<ulong> _clock;
    readonly Thread _thread;
    volatile bool _stopping;
    volatile PollerDiedException? _fault;
    int _serving = -1;

    /// <param name="rings">The consumers to drain, in ring order: BPF ring buffers or the kernel module's rings.</param>
    /// <param name="clock">Now, on the probe's clock (epoch ns), for batch ages and watermarks.</param>
    /// <param name="cpuOfRing">The CPU recorded in each event's slot for a ring (its first CPU).</param>
    public RingPoller(IReadOnlyList<IRingConsumer> rings, EventBatchPool pool, PollerOptions options, Func<ulong> clock, Func<int, ushort> cpuOfRing)
    {
        _sources = rings.Select((consumer, i) => new RingSource(consumer, new RingHandoff(i, options.HandoffCapacity), cpuOfRing(i))).ToArray();
        _pool = pool;
        _options = options;
        _clock = clock;
        Handoffs = _sources.Select(s => s.Handoff).ToArray();
        Statistics = _sources.Select(s => s.Statistics).ToArray();
        _thread = new Thread(Run) { IsBackground = true, Name = "capture-ring-poller" };
    }

    public IReadOnlyList<RingHandoff> Handoffs { get; }
    public IReadOnlyList<PollerStatistics> Statistics { get; }

    /// <summary>How the thread spent its time: pauses, wake-up latency, rounds.</summary>
    public PollerActivity Activity { get; } = new();

    /// <summary>Why the polling thread ended before it was asked to, or null.</summary>
    public PollerDiedException? Fault => _fault;

    public void Start() => _thread.Start();

    /// <summary>Stops the thread and publishes what it holds (if the hand-offs have room).</summary>
    public void Dispose()
    {
        _stopping = true;
        if (_thread.IsAlive) _thread.Join();
    }

    void Run()
    {
        try
        {
            RaisePriority();
            Poll();
        }
        catch (Exception e)
        {
            // Anything thrown here (a hand-off subscriber, the clock, a bug of ours) would end the
            // thread unseen and stall every ring; it is kept for the readers to report instead.
            _fault = new PollerDiedException(_serving, e);
            foreach (var source in _sources) SignalAfterDeath(source.Handoff);
        }
    }

    /// <summary>
    /// A small ring overflows in the few milliseconds this thread waits to run again after a
    /// pause when every CPU is busy; a real-time priority lets it run the moment its pause ends,
    /// a higher nice value at least weighs its share above the threads around it (the traced
    /// programs, the pipeline's own). It only ever runs briefly before pausing again, so it
    /// takes little from them. Without CAP_SYS_NICE the thread keeps its priority and says so in
    /// <see cref="PollerActivity.RealTimeError"/> and <see cref="PollerActivity.PriorityError"/>.
    /// </summary>
    void RaisePriority()
    {
        var tid = Libc.GetTid();
        if (_options.RealTimePriority is { } realTime)
        {
            if (Libc.SchedSetScheduler(tid, Libc.SchedFifo, new Libc.SchedParam { Priority = realTime }) == 0)
            {
                Activity.RealTimePriority = realTime;
                return;
            }
            Activity.RealTimeError = Marshal.GetLastPInvokeError();
        }
        if (_options.Nice is not { } nice) return;
        if (Libc.SetPriority(Libc.PrioProcess, (uint)tid, nice) == 0) Activity.Nice = nice;
        else Activity.PriorityError = Marshal.GetLastPInvokeError();
    }

    /// <summary>Wakes a reader to find the fault; a subscriber that throws again is not asked twice.</summary>
    static void SignalAfterDeath(RingHandoff handoff)
    {
        try
        {
            handoff.Signal();
        }
        catch (Exception)
        {
            // Its reader still finds the fault on its next poll.
        }
    }

    void Poll()
    {
        var sleep = _options.ShortestPause;
        var previousRound = Stopwatch.GetTimestamp();
        while (!_stopping)
        {
            var woke = Stopwatch.GetTimestamp();
            var sinceLastRound = Stopwatch.GetElapsedTime(previousRound, woke);
            previousRound = woke;
            var now = _clock();
            var moved = false;
            var fullest = 0.0;
            foreach (var source in _sources)
            {
                if (source.Statistics.Unreadable) continue;
                var before = source.Consumer.Position;
                moved |= Drain(source, now);
                var fill = FillFraction(source.Consumer.Position - before, source.Consumer.Size);
                source.Statistics.AddRound((int)(fill * 100));
                fullest = Math.Max(fullest, fill);
            }
            _serving = -1;
            Activity.AddRound(Stopwatch.GetTimestamp() - woke);
            // A ring that filled this much since the last round would overflow within a few
            // more pauses, sooner if the pause runs late because every CPU is busy (the very
            // moment a ring fills fastest): the next round starts at once.
            if (fullest * 100 >= _options.NoPauseFillPercent)
            {
                Activity.AddSkippedPause();
                sleep = _options.ShortestPause;
                continue;
            }
            sleep = moved ? RoundPacing.AfterReading(fullest, sinceLastRound, sleep, _options) : RoundPacing.AfterIdle(sleep, _options);
            var paused = Stopwatch.GetTimestamp();
            Sleep(sleep);
            Activity.AddPause(sleep, Stopwatch.GetTimestamp() - paused);
        }
        var end = _clock();
        foreach (var source in _sources)
        {
            if (!source.Statistics.Unreadable) Drain(source, end, final: true);
            // A batch the full hand-off could not take is given back and its events counted.
            if (source.Batch is { } held)
            {
                source.Statistics.AddUndeliveredAtStop(held.Count);
                held.Release();
                source.Batch = null;
            }
        }
    }

    /// <summary>
    /// Drains one ring until it is empty, busy, or its hand-off is full. True if it read anything.
    /// Compiled fully optimized from its first call: the load that makes it hot is the moment a
    /// small ring overflows, and the runtime's first, unoptimized compilation of it could not
    /// keep up while the optimized one waits its turn behind that same load.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool Drain(RingSource source, ulong now, bool final = false)
    {
        _serving = source.Handoff.Ring;
        var consumer = source.Consumer;
        var read = 0;
        var empty = false;
        var published = consumer.Position;
        var giveBackEvery = Math.Max(1, consumer.Size / 4);
        // Backpressure with a pause and a resume threshold, so draining does not flap on and
        // off around a full hand-off: once full, wait until the reader took half of it.
        if (source.Paused && source.Handoff.Count > source.Handoff.Capacity / 2)
        {
            source.Statistics.AddStall();
            return false;
        }
        source.Paused = false;
        while (true)
        {
            if (source.Batch is null)
            {
                if (source.Handoff.IsFull)
                {
                    source.Paused = true;
                    source.Statistics.AddStall();
                    break; // leave the records in the kernel ring: it fills and the probe counts drops
                }
                source.Batch = _pool.Rent();
                source.Batch.Ring = source.Handoff.Ring;
                source.BatchStarted = now;
            }
            var peek = consumer.TryPeek(out var record);
            if (peek == RingPeek.Corrupt)
            {
                // A record header the kernel cannot have written: nothing after it can be
                // trusted, so the ring is reported and left alone from now on. What came before
                // it is published first: it was read from sound records.
                source.Statistics.MarkUnreadable(new RingUnreadableException(source.Handoff.Ring, source.Cpu, consumer.Position,
                    "its record header has a length no kernel writes (past the producer or larger than the ring)"));
                if (source.Batch is { IsEmpty: false }) Publish(source);
                source.Handoff.Signal();
                break;
            }
            if (peek != RingPeek.Record)
            {
                empty = peek == RingPeek.Empty;
                break;
            }
            if (EventView.TryRead(record, out var view) != FrameFault.None || view.Length != record.Length)
            {
                source.Statistics.AddCorrupt();
                consumer.Advance();
                continue;
            }
            if (!source.Batch.TryReserve(record.Length, source.Cpu, out var target))
            {
                if (source.Batch.IsEmpty)
                {
                    source.Statistics.AddCorrupt(); // larger than a whole block: cannot be delivered
                    consumer.Advance();
                    continue;
                }
                if (Publish(source)) continue;
                source.Paused = true; // the full batch waits for room in the hand-off
                source.Statistics.AddStall();
                break;
            }
            record.CopyTo(target);
            source.Batch.Commit(view.Timestamp);
            consumer.Advance();
            read++;
            // Space goes back to the kernel every quarter ring, not only at the end of the
            // drain: a drain this thread is preempted in the middle of (every CPU busy) would
            // otherwise keep a small ring full, and the kernel dropping, until it runs again.
            if (consumer.Position - published >= giveBackEvery)
            {
                consumer.Publish();
                published = consumer.Position;
            }
        }
        consumer.Publish();
        source.Statistics.AddDelivered(read);

        var batch = source.Batch;
        var aged = batch is not null && !batch.IsEmpty && (final || now - source.BatchStarted >= (ulong)_options.MaxBatchAge.Ticks * 100);
        // While the reader lags (its hand-off half full), an aged batch goes on filling instead:
        // the hand-off holds batches, not events, so full batches make the same slots hold
        // several times more events before the poller must leave them in the kernel ring. The
        // reader is behind anyway, so the later publish costs it nothing.
        if (aged && !final && _options.HoldAgedWhileBacklogged && source.Handoff.Count >= Math.Max(1, source.Handoff.Capacity / 2))
        {
            source.Statistics.AddHeldAged();
            aged = false;
        }
        if (aged) Publish(source);

        if (empty)
        {
            // An idle ring has delivered everything stamped before the allowance, except what
            // the batch we still hold carries.
            var watermark = now - (ulong)_options.InFlightAllowance.Ticks * 100;
            if (source.Batch is { IsEmpty: false } held) watermark = Math.Min(watermark, held.MinTimestamp - 1);
            if (watermark > source.Handoff.Watermark)
            {
                source.Handoff.RaiseWatermark(watermark);
                source.Handoff.Signal();
            }
        }
        return read > 0;
    }

    /// <summary>
    /// Gives up everything of ring <paramref name="ring"/> that was never handed over: the batch
    /// the poller still holds and the records left in the kernel ring. Returns how many events
    /// that was, so the loss is counted. Only after <see cref="Dispose"/>: the polling thread
    /// must no longer touch the ring.
    /// </summary>
    public long Discard(int ring)
    {
        if (_thread.IsAlive) throw new InvalidOperationException("the polling thread is still running; dispose the poller first");
        var source = _sources[ring];
        long given = 0;
        if (source.Batch is { } held)
        {
            given += held.Count;
            source.Batch = null;
            held.Release();
        }
        while (source.Consumer.TryPeek(out _) == RingPeek.Record)
        {
            source.Consumer.Advance();
            given++;
        }
        source.Consumer.Publish();
        return given;
    }

    /// <summary>How much of a ring of <paramref name="size"/> bytes the <paramref name="drained"/> bytes were, from 0 to 1.</summary>
    static double FillFraction(ulong drained, ulong size) => size == 0 ? 0 : Math.Min(1.0, (double)drained / size);

    static bool Publish(RingSource source)
    {
        var batch = source.Batch!;
        if (!source.Handoff.TryPublish(batch)) return false;
        source.Batch = null;
        source.Statistics.AddBatch();
        source.Handoff.RaiseWatermark(batch.MaxTimestamp);
        source.Handoff.Signal();
        return true;
    }

    static unsafe void Sleep(TimeSpan duration)
    {
        var ns = duration.Ticks * 100;
        var request = new Libc.Timespec { Seconds = ns / 1_000_000_000, Nanoseconds = ns % 1_000_000_000 };
        Libc.Nanosleep(request, null);
    }

    sealed class RingSource(IRingConsumer consumer, RingHandoff handoff, ushort cpu)
    {
        public IRingConsumer Consumer { get; } = consumer;
        public RingHandoff Handoff { get; } = handoff;
        public ushort Cpu { get; } = cpu;
        public PollerStatistics Statistics { get; } = new();
        public EventBatch? Batch { get; set; }
        public bool Paused { get; set; }
        public ulong BatchStarted { get; set; }
    }
}
