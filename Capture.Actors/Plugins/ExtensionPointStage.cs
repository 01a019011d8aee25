using Akka.Streams;
using Akka.Streams.Stage;
using Capture.Native.Batches;
using Capture.Plugins;

namespace Capture.Actors.Plugins;

/// <summary>
/// An extension point in the graph (after decode, after merge): runs the current plugin
/// generation's stages on each element's batch as it passes, on the stream's own thread, and
/// emits what comes back. Elements without a batch (watermarks, joins, gaps) pass untouched
/// and in place. No queue and no thread of its own: a batch crosses no hand-off here.
///
/// A stage that throws is handled by its failure policy at once. A stage that hangs holds the
/// capture back while it hangs, as a lossless sink would (the kernel counts what no longer
/// fits), since its thread is the stream's: a <see cref="HangWatch"/> on another thread
/// reports it once it has run past <see cref="PluginSettings.HangAfter"/>, and from then on it
/// is handled by its failure policy; when the call returns at last, what it returned is
/// discarded and the batch goes on by that policy.
/// </summary>
sealed class ExtensionPointStage<T> : GraphStage<FlowShape<T, T>> where T : class
{
    static readonly TimeSpan LeaseRefresh = TimeSpan.FromMilliseconds(200);

    readonly ExtensionPointKind _at;
    readonly IBatchCarrier<T> _carrier;
    readonly GenerationSlot _generations;
    readonly EventBatchPool _pool;
    readonly PluginSettings _settings;

    public ExtensionPointStage(ExtensionPointKind at, IBatchCarrier<T> carrier, GenerationSlot generations, EventBatchPool pool, PluginSettings settings)
    {
        _at = at;
        _carrier = carrier;
        _generations = generations;
        _pool = pool;
        _settings = settings;
        var name = new ExtensionPoint(at).ToString();
        In = new Inlet<T>($"{name}.in");
        Out = new Outlet<T>($"{name}.out");
        Shape = new FlowShape<T, T>(In, Out);
    }

    public Inlet<T> In { get; }
    public Outlet<T> Out { get; }
    public override FlowShape<T, T> Shape { get; }

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    sealed class Logic : TimerGraphStageLogic, IInHandler, IOutHandler
    {
        const string RefreshTimer = "lease-refresh";

        readonly ExtensionPointStage<T> _stage;
        readonly GenerationLease _lease;
        readonly HangWatch _watch;

        public Logic(ExtensionPointStage<T> stage) : base(stage.Shape)
        {
            _stage = stage;
            _lease = new GenerationLease(stage._generations);
            _watch = new HangWatch(stage._settings.HangAfter);
            SetHandler(stage.In, this);
            SetHandler(stage.Out, this);
        }

        // While idle the stage still lets go of a reloaded generation, so its load contexts can unload.
        public override void PreStart() => ScheduleRepeatedly(RefreshTimer, LeaseRefresh);

        protected override void OnTimer(object timerKey) => _lease.Refresh();

        public void OnPush()
        {
            var element = Grab(_stage.In);
            var batch = _stage._carrier.BatchOf(element);
            var chain = batch is null ? StageChain.Empty : _lease.Current.At(_stage._at);
            if (chain.IsEmpty)
            {
                Push(_stage.Out, element);
                return;
            }
            var result = chain.Run(batch!, _stage._pool, _watch.Call);
            if (_stage._carrier.Replace(element, batch!, result) is { } next) Push(_stage.Out, next);
            else Pull(_stage.In);
        }

        public void OnPull() => Pull(_stage.In);

        public void OnUpstreamFinish() => CompleteStage();

        public void OnUpstreamFailure(Exception e) => FailStage(e);

        public void OnDownstreamFinish(Exception cause) => CompleteStage();

        public override void PostStop()
        {
            _watch.Dispose();
            _lease.Release();
        }
    }
}
