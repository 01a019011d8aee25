using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Stage;
using Capture.Actors.Protocol;

namespace Capture.Actors.Rings;

/// <summary>
/// The stream's entry: takes batches straight from the attached rings (for the live driver,
/// the polling thread's hand-offs) and emits them, with watermarks and ring joined / left
/// marks, as the merge's one input. Fused with the merge, it runs on the merge's thread, so a
/// batch crosses one thread hand-off from the polling thread to here.
///
/// One signal per pull: without demand nothing is taken, the hand-offs fill, the polling
/// thread leaves records in the kernel rings and the probe counts what no longer fits. Rings
/// are served round-robin. When none has anything, the stage asks each ring for a wake-up
/// (the polling thread brings it back through an async callback, the safe way into a running
/// stage) and polls at <see cref="RingSourceSettings.PollInterval"/> so idle rings' watermarks
/// follow the clock.
///
/// A ring detached in order (a stop, a reload) first stops its producer and hands over what
/// it had already written (<see cref="RingTap.DrainBeforeLeaving"/>): the poller's pauses let
/// a few milliseconds of events wait in the kernel rings, and a stop must deliver them, not
/// count them unread.
///
/// A ring that throws (unreadable, a dead polling thread, a crashed driver) leaves the merge
/// at once with its losses so far, so it never holds the others back, and its owner hears
/// <see cref="RingFaulted"/>, which goes to the supervisor. A replayed ring that has finished
/// leaves the same way and its owner hears <see cref="RingFinished"/>.
/// </summary>
public sealed class RingsSource : GraphStageWithMaterializedValue<SourceShape<RingSignal>, RingPort>
{
    readonly RingSourceSettings _settings;

    public RingsSource(RingSourceSettings settings)
    {
        _settings = settings;
        Shape = new SourceShape<RingSignal>(Out);
    }

    public Outlet<RingSignal> Out { get; } = new("rings.out");

    public override SourceShape<RingSignal> Shape { get; }

    public override ILogicAndMaterializedValue<RingPort> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        var port = new RingPort();
        return new LogicAndMaterializedValue<RingPort>(new Logic(this, port), port);
    }

    sealed class Logic : TimerGraphStageLogic, IOutHandler
    {
        const string PollTimer = "poll";

        readonly RingsSource _stage;
        readonly RingPort _port;
        readonly List<RingTap> _taps = [];
        readonly Dictionary<int, RingTap> _faulted = [];
        readonly Queue<RingSignal> _control = new();
        Action _wake = () => { };
        int _next;
        bool _completing;

        public Logic(RingsSource stage, RingPort port) : base(stage.Shape)
        {
            _stage = stage;
            _port = port;
            SetHandler(stage.Out, this);
        }

        public override void PreStart()
        {
            _wake = GetAsyncCallback(OnWake);
            _port.Connect(_wake);
            TakeCommands(); // any sent before the stream ran
        }

        public void OnPull() => Deliver();

        public void OnDownstreamFinish(Exception cause) => CompleteStage();

        void OnWake()
        {
            TakeCommands();
            if (IsAvailable(_stage.Out)) Deliver();
        }

        protected override void OnTimer(object timerKey) => OnWake();

        void TakeCommands()
        {
            while (_port.TryTake(out var command)) Carry(command);
        }

        void Carry(RingCommand command)
        {
            switch (command)
            {
                case AttachRings attach:
                    foreach (var (ring, owner) in attach.Rings)
                    {
                        var tap = new RingTap(ring, owner, _stage._settings);
                        _taps.Add(tap);
                        _control.Enqueue(tap.Joined());
                    }
                    break;
                case DetachRing detach:
                    Detach(detach.Ring);
                    break;
                case MarkGap gap:
                    _control.Enqueue(new GapSignal(gap.Reason));
                    break;
                case CompleteStream:
                    // The supervisor detaches every ring before it completes; one still here
                    // means it stopped abruptly, and the ring is let go of now.
                    _completing = true;
                    foreach (var id in _taps.Select(t => t.Id).Concat(_faulted.Keys).ToList()) Detach(id);
                    break;
            }
        }

        void Detach(int ring)
        {
            var tap = _taps.Find(t => t.Id == ring);
            if (tap is not null)
            {
                _taps.Remove(tap);
                foreach (var batch in tap.DrainBeforeLeaving()) _control.Enqueue(batch);
            }
            else if (!_faulted.Remove(ring, out tap)) return;
            _control.Enqueue(tap.Leave()); // a faulted ring left already; this adds what it took with it
            tap.Owner.Tell(new RingDetached(ring), ActorRefs.NoSender);
        }

        void Deliver()
        {
            if (_control.TryDequeue(out var control))
            {
                Push(_stage.Out, control);
                return;
            }
            for (var k = 0; k < _taps.Count; k++)
            {
                var index = (_next + k) % _taps.Count;
                var tap = _taps[index];
                RingSignal? signal;
                try
                {
                    signal = tap.Ring.IsFinished ? Finished(tap, index) : tap.Next();
                }
                catch (Exception e)
                {
                    signal = Faulted(tap, index, e);
                }
                if (signal is null) continue;
                _next = index + 1;
                Push(_stage.Out, signal);
                return;
            }
            if (_completing && _taps.Count == 0)
            {
                CompleteStage();
                return;
            }
            foreach (var tap in _taps) tap.WakeOnData(_wake);
            if (_taps.Count > 0 && !IsTimerActive(PollTimer)) ScheduleOnce(PollTimer, _stage._settings.PollInterval);
        }

        /// <summary>
        /// A finished ring (the end of a replayed file) hands over what it still has, then leaves.
        /// Finished is read before taking, so nothing handed over after it is missed.
        /// </summary>
        RingSignal? Finished(RingTap tap, int index)
        {
            if (tap.Next() is RingBatch batch) return batch;
            _taps.RemoveAt(index);
            tap.Owner.Tell(new RingFinished(tap.Id), ActorRefs.NoSender);
            return tap.Leave();
        }

        RingSignal Faulted(RingTap tap, int index, Exception cause)
        {
            _taps.RemoveAt(index);
            _faulted[tap.Id] = tap;
            tap.Owner.Tell(RingFaulted.Of(tap.Id, cause), ActorRefs.NoSender);
            return tap.LeaveAfterFault();
        }

        public override void PostStop()
        {
            // The stream is gone (stopped early, or failed): let go of every ring and tell
            // the owners, so a supervisor waiting to detach is not left waiting.
            foreach (var command in _port.Stop()) RingPort.AnswerAfterStop(command);
            foreach (var tap in _taps.Concat(_faulted.Values))
            {
                tap.Leave();
                tap.Owner.Tell(new RingDetached(tap.Id), ActorRefs.NoSender);
            }
            _taps.Clear();
            _faulted.Clear();
            while (_control.TryDequeue(out var signal))
                if (signal is RingBatch batch) batch.Batch.Release();
        }
    }
}
