using System.Buffers;
using System.Diagnostics;
using Akka.Streams;
using Akka.Streams.Stage;
using Capture.Actors.Protocol;
using Capture.Native.Batches;
using Capture.Actors.Accounting;

namespace Capture.Actors.Streams;

/// <summary>
/// Merges the batches of every ring into one stream in non-decreasing timestamp order.
///
/// One inlet takes tagged batches, watermarks and ring-joined/ring-left marks. An event is
/// released only once every live ring's watermark has reached it (the release bound), so
/// nothing released can be overtaken by an event still to come; an idle ring's watermark
/// follows its clock and never holds the others up. Inside a batch the events may be in any
/// order; each waiting batch is a sorted run and the runs are merged through a heap (peek,
/// emit, commit). An event earlier than its ring's previous watermark, or earlier than what
/// was already emitted, is counted late and left out: never misplaced.
///
/// Output batches are views rented from <paramref name="pool"/>: they refer to the frames of
/// the input batches instead of copying them, so every frame is copied once in user space
/// (out of the kernel ring). The merge lets go of an input batch once its last event is out;
/// the views that show its frames keep it until the last sink releases them. A gap signal (the
/// driver went away) becomes a <see cref="GapElement"/> placed after everything that came
/// before it and before anything from the rings that join afterwards.
///
/// Backpressure: the inlet is pulled only while nothing is ready to go out, so without
/// downstream demand nothing is taken from the rings and events stay in the kernel rings.
/// </summary>
public sealed class MergeByTimestamp : GraphStage<FlowShape<RingSignal, CaptureElement>>
{
    readonly EventBatchPool _pool;
    readonly MergeSettings _settings;
    readonly PipelineStats _stats;

    public MergeByTimestamp(EventBatchPool pool, MergeSettings settings, PipelineStats stats)
    {
        _pool = pool;
        _settings = settings;
        _stats = stats;
        Shape = new FlowShape<RingSignal, CaptureElement>(In, Out);
    }

    public Inlet<RingSignal> In { get; } = new("merge.in");
    public Outlet<CaptureElement> Out { get; } = new("merge.out");
    public override FlowShape<RingSignal, CaptureElement> Shape { get; }

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    sealed class RingState
    {
        public bool Live;
        public bool Lagging;
        public ulong Watermark;
    }

    /// <summary>A gap on its way out: emitted once every run from before it is done.</summary>
    sealed class PendingGap(long lost, string reason)
    {
        public ulong? To;
        public long Lost = lost;
        public string Reason = reason;
    }

    sealed class Logic : TimerGraphStageLogic, IInHandler, IOutHandler
    {
        const string StallCheck = "stall-check";

        readonly MergeByTimestamp _stage;
        readonly StageCounters _counters;
        readonly RunHeap _heap = new();
        readonly Stack<PendingRun> _spareRuns = new();
        // Runs that arrived after a gap signal wait here until the gap marker is out.
        readonly Queue<PendingRun> _held = new();
        RingState[] _rings = [];
        PendingGap? _gap;
        long _pendingEvents;
        long _unreadSinceGap;
        long _sequence;
        ulong _lastEmitted;
        long _starvingSince;
        bool _finishing;

        public Logic(MergeByTimestamp stage) : base(stage.Shape)
        {
            _stage = stage;
            _counters = stage._stats.Merge;
            SetHandler(stage.In, this);
            SetHandler(stage.Out, this);
        }

        public override void PreStart()
        {
            // Without signals nothing would re-check a stalled ring; the timer does.
            ScheduleRepeatedly(StallCheck, _stage._settings.StallTimeout / 4);
            Pull(_stage.In);
        }

        protected override void OnTimer(object timerKey)
        {
            TryEmit();
            PullIfIdle();
        }

        public void OnPush()
        {
            switch (Grab(_stage.In))
            {
                case RingBatch batch: Accept(batch); break;
                case RingWatermark watermark:
                    Advance(RingOf(watermark.Ring), watermark.Watermark);
                    _stage._stats.AddRingLosses(watermark.Drops);
                    break;
                case RingJoined joined: Join(joined); break;
                case RingLeft left:
                    RingOf(left.Ring).Live = false;
                    _stage._stats.AddRingLosses(left.Drops);
                    _unreadSinceGap += left.Drops.Unread;
                    break;
                case GapSignal gap: OpenGap(gap.Reason); break;
            }
            TryEmit();
            PullIfIdle();
        }

        public void OnPull()
        {
            TryEmit();
            PullIfIdle();
        }

        public void OnUpstreamFinish()
        {
            _finishing = true;
            if (_gap is not null) _gap.To ??= 0;
            if (IsAvailable(_stage.Out)) TryEmit();
        }

        public void OnUpstreamFailure(Exception e)
        {
            DiscardPending();
            FailStage(e);
        }

        public void OnDownstreamFinish(Exception cause)
        {
            DiscardPending();
            CompleteStage();
        }

        public override void PostStop() => DiscardPending();

        RingState RingOf(int ring)
        {
            if (ring >= _rings.Length)
            {
                var grown = new RingState[Math.Max(ring + 1, _rings.Length * 2)];
                _rings.CopyTo(grown, 0);
                for (var i = _rings.Length; i < grown.Length; i++) grown[i] = new RingState();
                _rings = grown;
            }
            return _rings[ring];
        }

        void Join(RingJoined joined)
        {
            var ring = RingOf(joined.Ring);
            ring.Live = true;
            ring.Lagging = false;
            ring.Watermark = joined.Watermark;
            if (_gap is not null && (_gap.To is null || joined.Watermark < _gap.To)) _gap.To = joined.Watermark;
        }

        static void Advance(RingState ring, ulong watermark)
        {
            if (watermark > ring.Watermark) ring.Watermark = watermark;
        }

        void OpenGap(string reason)
        {
            if (_gap is null) _gap = new PendingGap(_unreadSinceGap, reason);
            else
            {
                _gap.Lost += _unreadSinceGap;
                _gap.Reason += "; " + reason;
                _gap.To = null;
            }
            _unreadSinceGap = 0;
        }

        /// <summary>
        /// Takes a batch in as a run. Events earlier than the ring's previous watermark broke
        /// its promise and are counted late here; the rest is sorted only if it needs to be.
        /// </summary>
        void Accept(RingBatch signal)
        {
            var batch = signal.Batch;
            var ring = RingOf(signal.Ring);
            if (!ring.Live) ring.Live = true; // a batch without a join: treat the ring as joined
            var promise = ring.Watermark;
            var count = batch.Count;
            _counters.AddIn(count);
            _stage._stats.AddRingLosses(signal.Drops);

            var late = 0;
            var sorted = true;
            ulong previous = 0;
            for (var i = 0; i < count; i++)
            {
                var ts = batch.Slot(i).Timestamp;
                if (ts < promise) late++;
                else
                {
                    if (ts < previous) sorted = false;
                    previous = ts;
                }
            }
            Advance(ring, signal.Watermark);

            var length = count - late;
            _counters.AddDropped(DropReason.Late, late);
            if (length == 0)
            {
                batch.Release();
                return;
            }

            int[]? order = null;
            if (late > 0 || !sorted)
            {
                order = ArrayPool<int>.Shared.Rent(length);
                var keys = ArrayPool<ulong>.Shared.Rent(length);
                var n = 0;
                for (var i = 0; i < count; i++)
                {
                    var ts = batch.Slot(i).Timestamp;
                    if (ts < promise) continue;
                    keys[n] = ts;
                    order[n++] = i;
                }
                if (!sorted) Array.Sort(keys, order, 0, length);
                ArrayPool<ulong>.Shared.Return(keys);
            }

            var run = _spareRuns.Count > 0 ? _spareRuns.Pop() : new PendingRun();
            run.Start(batch, signal.Ring, _sequence++, order, length);
            _pendingEvents += length;
            if (_gap is not null) _held.Enqueue(run);
            else _heap.Add(run);
        }

        /// <summary>
        /// The time up to which events may go out: the lowest watermark of the live rings that
        /// are not lagging, or everything when no ring is live (all left, or the end). A
        /// lagging ring whose watermark has caught up with that bound counts again.
        /// </summary>
        ulong ReleaseBound()
        {
            if (_finishing) return ulong.MaxValue;
            var bound = ulong.MaxValue;
            var anyLive = false;
            foreach (var ring in _rings)
            {
                if (!ring.Live) continue;
                anyLive = true;
                if (!ring.Lagging && ring.Watermark < bound) bound = ring.Watermark;
            }
            if (!anyLive) return ulong.MaxValue;
            foreach (var ring in _rings)
                if (ring.Live && ring.Lagging && ring.Watermark >= bound) ring.Lagging = false;

            if (_pendingEvents > _stage._settings.MaxPendingEvents && _heap.Count > 0 && _heap.Min.HeadTimestamp > bound)
            {
                _stage._stats.AddForcedRelease();
                bound = _heap.Min.HeadTimestamp;
            }
            return bound;
        }

        /// <summary>
        /// Called while the merge starves: downstream wants more, events are waiting, and the
        /// bound holds them. Time spent under backpressure never counts, since then nobody
        /// waits. Once starving has lasted the stall timeout, the ring holding the bound is
        /// set aside as lagging if it trails the most advanced ring by more than the allowed
        /// lag; its later events that fall behind what was released are counted late.
        /// </summary>
        void DetectStall(ulong bound)
        {
            var now = Stopwatch.GetTimestamp();
            if (_starvingSince == 0)
            {
                _starvingSince = now;
                return;
            }
            if (Stopwatch.GetElapsedTime(_starvingSince, now) < _stage._settings.StallTimeout) return;
            _starvingSince = now;

            ulong highest = 0;
            foreach (var ring in _rings)
                if (ring.Live && ring.Watermark != ulong.MaxValue && ring.Watermark > highest) highest = ring.Watermark;
            foreach (var ring in _rings)
            {
                if (!ring.Live || ring.Lagging || ring.Watermark != bound || bound == ulong.MaxValue) continue;
                if (highest - ring.Watermark <= _stage._settings.MaxRingLagNs) continue;
                ring.Lagging = true;
                _stage._stats.AddLaggingEpisode();
            }
        }

        bool GapReady => _gap is { To: not null } && _heap.Count == 0;

        bool HasReleasable() => GapReady || (_heap.Count > 0 && _heap.Min.HeadTimestamp <= ReleaseBound());

        void PullIfIdle()
        {
            if (!HasBeenPulled(_stage.In) && !IsClosed(_stage.In) && !HasReleasable()) Pull(_stage.In);
        }

        void TryEmit()
        {
            if (!IsAvailable(_stage.Out)) return;
            if (GapReady)
            {
                EmitGap();
                return;
            }
            if (_heap.Count > 0)
            {
                var bound = ReleaseBound();
                if (_heap.Min.HeadTimestamp > bound)
                {
                    DetectStall(bound);
                    return;
                }
                _starvingSince = 0;
                if (EmitUpTo(bound) is { } output)
                {
                    Push(_stage.Out, new BatchElement(output));
                    return;
                }
            }
            if (_finishing && _heap.Count == 0 && _held.Count == 0 && _gap is null) CompleteStage();
        }

        /// <summary>
        /// Puts events up to <paramref name="bound"/> into one output view, smallest head
        /// first; returns null when every candidate turned out late.
        /// </summary>
        EventBatch? EmitUpTo(ulong bound)
        {
            EventBatch? output = null;
            var late = 0;
            while (_heap.Count > 0)
            {
                var run = _heap.Min;
                if (run.HeadTimestamp > bound) break;
                if (run.HeadTimestamp < _lastEmitted) late++; // a lagging ring caught up too late
                else
                {
                    output ??= _stage._pool.RentView();
                    if (!output.TryAppendReference(run.Batch, run.HeadIndex)) break; // full: the rest next pull
                    _lastEmitted = run.HeadTimestamp;
                }
                _pendingEvents--;
                if (!run.Advance())
                {
                    _spareRuns.Push(_heap.RemoveMin());
                    run.Clear();
                }
                else if (!_heap.MinStillFirst()) _heap.SiftDownMin();
            }
            _counters.AddDropped(DropReason.Late, late);
            if (output is null) return null;
            if (output.IsEmpty)
            {
                output.Release();
                return null;
            }
            _counters.AddOut(output.Count);
            return output;
        }

        void EmitGap()
        {
            var gap = _gap!;
            _gap = null;
            // Everything from before the gap is out by now, so the last time emitted is where it starts.
            var marker = new CaptureGap(_lastEmitted, Math.Max(gap.To!.Value, _lastEmitted), gap.Lost, gap.Reason);
            _stage._stats.AddGap(marker);
            while (_held.Count > 0) _heap.Add(_held.Dequeue());
            Push(_stage.Out, new GapElement(marker));
        }

        void DiscardPending()
        {
            while (_heap.Count > 0) _pendingEvents -= _heap.RemoveMin().Clear();
            while (_held.Count > 0) _pendingEvents -= _held.Dequeue().Clear();
        }
    }
}
