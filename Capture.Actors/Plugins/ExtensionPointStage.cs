using System.Collections.Concurrent;
using Akka.Streams;
using Akka.Streams.Stage;
using Capture.Plugins;

namespace Capture.Actors.Plugins;

/// <summary>
/// An extension point in the graph (after decode, after merge): a flow stage that hands each
/// element to an <see cref="ExtensionPointWorker{T}"/> and emits what comes back, in the
/// same order. Plugin code runs on the worker's thread, never on the stream's.
///
/// Bounded: at most <see cref="PluginSettings.BufferCapacity"/> elements are with the worker
/// or waiting to go out; then the inlet is not pulled, and backpressure reaches the kernel as it does from a
/// lossless sink. A stage that hangs longer than <see cref="PluginSettings.HangAfter"/> is
/// abandoned by the watchdog timer and handled by its failure policy, so a blocked plugin
/// holds the capture back by at most its buffer and that time, once.
/// </summary>
sealed class ExtensionPointStage<T> : GraphStage<FlowShape<T, T>> where T : class
{
    readonly ExtensionPointKind _at;
    readonly IBatchCarrier<T> _carrier;
    readonly PluginHost _host;
    readonly IStageContext _context;
    readonly PluginSettings _settings;

    public ExtensionPointStage(ExtensionPointKind at, IBatchCarrier<T> carrier, PluginHost host, IStageContext context, PluginSettings settings)
    {
        _at = at;
        _carrier = carrier;
        _host = host;
        _context = context;
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
        const string HangCheck = "hang-check";

        readonly ExtensionPointStage<T> _stage;
        readonly ConcurrentQueue<T> _input = new();
        readonly SemaphoreSlim _signal = new(0);
        readonly ConcurrentQueue<ExtensionPointWorker<T>.Done> _output = new();
        readonly Queue<T> _ready = new();
        readonly GenerationLease _lease;
        ExtensionPointWorker<T>? _worker;
        Action? _wake;
        int _withWorker;
        bool _finishing;

        public Logic(ExtensionPointStage<T> stage) : base(stage.Shape)
        {
            _stage = stage;
            _lease = new GenerationLease(stage._host);
            SetHandler(stage.In, this);
            SetHandler(stage.Out, this);
        }

        public override void PreStart()
        {
            _wake = GetAsyncCallback(OnWorkerDone);
            _worker = NewWorker(null);
            ScheduleRepeatedly(HangCheck, _stage._settings.HangAfter / 4);
            Pull(_stage.In);
        }

        ExtensionPointWorker<T> NewWorker(ExtensionPointWorker<T>.Resume? resume)
        {
            var worker = new ExtensionPointWorker<T>(_stage._at, _stage._carrier, _stage._context, _lease, _input, _signal, _output, _wake!);
            worker.Start(resume);
            return worker;
        }

        public void OnPush()
        {
            var element = Grab(_stage.In);
            // With nothing at the worker and no stage here, nothing can be overtaken: skip the thread hop.
            if (_withWorker == 0 && _stage._host.Current.At(_stage._at).IsEmpty)
                _ready.Enqueue(element);
            else
            {
                _withWorker++;
                _input.Enqueue(element);
                _signal.Release();
            }
            Flush();
            PullIfRoom();
        }

        public void OnPull()
        {
            Flush();
            PullIfRoom();
        }

        public void OnUpstreamFinish()
        {
            _finishing = true;
            CompleteIfDone();
        }

        public void OnUpstreamFailure(Exception e) => FailStage(e);

        public void OnDownstreamFinish(Exception cause) => CompleteStage();

        void OnWorkerDone()
        {
            while (_output.TryDequeue(out var done))
            {
                _withWorker--;
                if (done.Element is not null) _ready.Enqueue(done.Element);
            }
            Flush();
            PullIfRoom();
        }

        void Flush()
        {
            if (_ready.Count > 0 && IsAvailable(_stage.Out)) Push(_stage.Out, _ready.Dequeue());
            CompleteIfDone();
        }

        /// <summary>The buffer counts what the worker holds and what waits to go out, so a slow downstream stops the pulling too.</summary>
        void PullIfRoom()
        {
            if (!HasBeenPulled(_stage.In) && !IsClosed(_stage.In) && _withWorker + _ready.Count < _stage._settings.BufferCapacity) Pull(_stage.In);
        }

        void CompleteIfDone()
        {
            if (_finishing && _withWorker == 0 && _ready.Count == 0) CompleteStage();
        }

        protected override void OnTimer(object timerKey)
        {
            var hangAfter = _stage._settings.HangAfter;
            if (_worker is null || !_worker.Watch.TryTakeOver(hangAfter, out var taken, out _)) return;
            var (hung, held) = taken;
            var settled = hung.SettleAbandoned(held, hangAfter);
            var resume = _worker.Abandoned(hung, settled);
            _worker = NewWorker(resume);
        }

        public override void PostStop()
        {
            _worker?.Stop();
            _signal.Release(); // wake it to see the stop
            while (_ready.Count > 0) _stage._carrier.BatchOf(_ready.Dequeue())?.Release();
            while (_output.TryDequeue(out var done))
                if (done.Element is not null) _stage._carrier.BatchOf(done.Element)?.Release();
            while (_input.TryDequeue(out var left)) _stage._carrier.BatchOf(left)?.Release();
        }
    }
}
