using Akka.Streams;
using Akka.Streams.Stage;
using Capture.Actors.Protocol;

namespace Capture.Actors.Rings;

/// <summary>
/// The stream's entry: emits what the readers put in the <see cref="SignalHandOff"/>, one
/// signal per pull. When the hand-off is empty the stage arms a wake-up and sleeps; the next
/// write brings it back through an async callback, the safe way into a running stage.
/// Completes when the hand-off is completed and empty.
/// </summary>
public sealed class HandOffSource : GraphStage<SourceShape<RingSignal>>
{
    readonly SignalHandOff _handOff;

    public HandOffSource(SignalHandOff handOff)
    {
        _handOff = handOff;
        Shape = new SourceShape<RingSignal>(Out);
    }

    public Outlet<RingSignal> Out { get; } = new("handoff.out");
    public override SourceShape<RingSignal> Shape { get; }

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    sealed class Logic : OutGraphStageLogic
    {
        readonly HandOffSource _stage;

        public Logic(HandOffSource stage) : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage.Out, this);
        }

        public override void PreStart() => _stage._handOff.ConnectConsumer(GetAsyncCallback(OnWake));

        public override void OnPull() => Deliver();

        /// <summary>When the stream stops early, batches still queued go back to their pool.</summary>
        public override void PostStop()
        {
            while (_stage._handOff.TryRead(out var signal))
                if (signal is RingBatch batch) batch.Batch.Release();
        }

        void OnWake()
        {
            if (IsAvailable(_stage.Out)) Deliver();
        }

        void Deliver()
        {
            var handOff = _stage._handOff;
            while (true)
            {
                if (handOff.TryRead(out var signal))
                {
                    Push(_stage.Out, signal);
                    return;
                }
                if (handOff.IsCompleted)
                {
                    CompleteStage();
                    return;
                }
                if (handOff.ArmWakeUp()) return;
            }
        }
    }
}
