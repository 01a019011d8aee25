using Akka.Event;
using Akka.Streams;
using Akka.Streams.Stage;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Actors.Accounting;

namespace Capture.Actors.Streams;

/// <summary>
/// The end of the graph: hands every merged batch to every sink, each on its own worker
/// thread behind its own bounded queue. A batch is retained once per extra sink, so it goes
/// back to its pool when the last sink releases it.
///
/// The inlet is pulled only while no lossless sink is full, which is how a slow lossless
/// sink slows everything down to the kernel; a lossy sink drops at its own queue instead,
/// and a failed sink is skipped (its share counted as dropped). A timer cuts off any sink
/// whose call has run past the stall deadline, so a hung sink — lossless, lossy, built-in or
/// plugin — holds the stream back for at most that long, once. The materialized task
/// completes when every sink has been completed or cut off; the stage stays up until then,
/// so the timer also bounds the wait at the end.
/// </summary>
public sealed class FanOutSink : GraphStageWithMaterializedValue<SinkShape<CaptureElement>, Task>
{
    readonly IReadOnlyList<SinkBinding> _sinks;
    readonly PipelineStats _stats;
    readonly Action<SinkFailure> _onFailure;
    readonly TimeSpan _stallAfter;

    /// <param name="stallAfter">How long one call into a sink may run before the sink is cut off.</param>
    public FanOutSink(IReadOnlyList<SinkBinding> sinks, PipelineStats stats, TimeSpan stallAfter, Action<SinkFailure>? onFailure = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stallAfter, TimeSpan.Zero);
        var duplicate = sinks.GroupBy(s => s.Sink.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"two sinks are named '{duplicate.Key}'; sink names must be unique", nameof(sinks));
        _sinks = sinks;
        _stats = stats;
        _stallAfter = stallAfter;
        _onFailure = onFailure ?? (_ => { });
        Shape = new SinkShape<CaptureElement>(In);
    }

    public Inlet<CaptureElement> In { get; } = new("fanout.in");
    public override SinkShape<CaptureElement> Shape { get; }

    public override ILogicAndMaterializedValue<Task> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return new LogicAndMaterializedValue<Task>(new Logic(this, done), done.Task);
    }

    sealed class Logic : TimerGraphStageLogic, IInHandler
    {
        const string StallCheck = "stall-check";

        readonly FanOutSink _stage;
        readonly TaskCompletionSource _done;
        readonly SinkWorker[] _workers;
        Exception? _cause;

        public Logic(FanOutSink stage, TaskCompletionSource done) : base(stage.Shape)
        {
            _stage = stage;
            _done = done;
            _workers = stage._sinks
                .Select(b => new SinkWorker(b, stage._stats.Sink(b.Sink.Name), failure =>
                {
                    stage._stats.AddSinkFailure(failure);
                    stage._onFailure(failure);
                }))
                .ToArray();
            SetHandler(stage.In, this);
        }

        public override void PreStart()
        {
            var wake = GetAsyncCallback(OnRoom);
            foreach (var worker in _workers) worker.Start(wake);
            ScheduleRepeatedly(StallCheck, _stage._stallAfter / 4);
            Pull(_stage.In);
        }

        public void OnPush()
        {
            switch (Grab(_stage.In))
            {
                case BatchElement element:
                    element.Batch.HandOffs++; // from the stream to the sinks' threads, however many sinks
                    if (_workers.Length == 0)
                    {
                        element.Batch.Release();
                        break;
                    }
                    if (_workers.Length > 1) element.Batch.Retain(_workers.Length - 1);
                    foreach (var worker in _workers) worker.Offer(element);
                    break;
                case GapElement gap:
                    foreach (var worker in _workers) worker.Offer(gap);
                    break;
            }
            PullWhenRoom();
        }

        void OnRoom()
        {
            if (!HasBeenPulled(_stage.In) && !IsClosed(_stage.In)) PullWhenRoom();
        }

        void PullWhenRoom()
        {
            foreach (var worker in _workers)
                if (worker.Blocks && worker.ArmWakeUp()) return; // OnRoom pulls later
            Pull(_stage.In);
        }

        public void OnUpstreamFinish() => Finish(null);

        public void OnUpstreamFailure(Exception e) => Finish(e);

        /// <summary>
        /// The stage outlives its inlet until every sink has settled, so that the stall timer
        /// still runs while the workers drain their queues and complete their sinks.
        /// </summary>
        void Finish(Exception? cause)
        {
            _cause = cause;
            SetKeepGoing(true);
            foreach (var worker in _workers) worker.Complete();
            var settled = GetAsyncCallback(Settled);
            Task.WhenAll(_workers.Select(w => w.Settled)).ContinueWith(_ => settled(), TaskScheduler.Default);
        }

        void Settled()
        {
            if (_cause is { } cause)
            {
                _done.TrySetException(cause);
                FailStage(cause);
                return;
            }
            _done.TrySetResult();
            CompleteStage();
        }

        protected override void OnTimer(object timerKey)
        {
            foreach (var worker in _workers)
            {
                if (worker.CutOffIfStalled(_stage._stallAfter) is not { } stalled) continue;
                Log.Error("{0}", stalled.Message);
                OnRoom();
            }
        }
    }
}
