using Akka.Streams;
using Akka.Streams.Stage;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;

namespace Capture.Actors.Streams;

/// <summary>
/// The end of the graph: hands every merged batch to every sink, each on its own worker
/// thread behind its own bounded queue. A batch is retained once per extra sink, so it goes
/// back to its pool when the last sink releases it.
///
/// The inlet is pulled only while no lossless sink is full, which is how a slow lossless
/// sink slows everything down to the kernel; a lossy sink drops at its own queue instead,
/// and a failed sink is skipped (its share counted as dropped). The materialized task
/// completes when every worker has finished and completed its sink.
/// </summary>
public sealed class FanOutSink : GraphStageWithMaterializedValue<SinkShape<CaptureElement>, Task>
{
    readonly IReadOnlyList<SinkBinding> _sinks;
    readonly PipelineStats _stats;
    readonly Action<SinkFailure> _onFailure;

    public FanOutSink(IReadOnlyList<SinkBinding> sinks, PipelineStats stats, Action<SinkFailure>? onFailure = null)
    {
        var duplicate = sinks.GroupBy(s => s.Sink.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"two sinks are named '{duplicate.Key}'; sink names must be unique", nameof(sinks));
        _sinks = sinks;
        _stats = stats;
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

    sealed class Logic : InGraphStageLogic
    {
        readonly FanOutSink _stage;
        readonly TaskCompletionSource _done;
        readonly SinkWorker[] _workers;
        readonly Task[] _running;

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
            _running = new Task[_workers.Length];
            SetHandler(stage.In, this);
        }

        public override void PreStart()
        {
            var wake = GetAsyncCallback(OnRoom);
            for (var i = 0; i < _workers.Length; i++) _running[i] = _workers[i].Start(wake);
            Pull(_stage.In);
        }

        public override void OnPush()
        {
            switch (Grab(_stage.In))
            {
                case BatchElement element:
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

        public override void OnUpstreamFinish()
        {
            Finish(null);
            CompleteStage();
        }

        public override void OnUpstreamFailure(Exception e)
        {
            Finish(e);
            FailStage(e);
        }

        void Finish(Exception? cause)
        {
            foreach (var worker in _workers) worker.Complete();
            var done = _done;
            Task.WhenAll(_running).ContinueWith(t =>
            {
                if (cause is not null) done.TrySetException(cause);
                else if (t.Exception is not null) done.TrySetException(t.Exception);
                else done.TrySetResult();
            }, TaskScheduler.Default);
        }
    }
}
