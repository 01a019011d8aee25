using Capture.Actors.Sinks;
using System.Collections.Concurrent;
using Capture.Native.Batches;
using Capture.Plugins;

namespace Capture.Actors.Plugins;

/// <summary>
/// The thread that runs the plugin stages of one extension point, so plugin code never runs
/// on the stream's own thread. Takes elements in arrival order from the shared input queue,
/// runs the current generation's chain on each batch and queues what goes on, in the same
/// order. Elements without a batch go through its queue too, so nothing overtakes a batch.
///
/// When a call hangs, the stage's watchdog abandons this worker (its thread is left to the
/// plugin; whatever the call returns late is released) and starts a successor on the same
/// queues, which first finishes the element that was in flight.
/// </summary>
sealed class ExtensionPointWorker<T> where T : class
{
    static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(200);

    readonly ExtensionPointKind _at;
    readonly IBatchCarrier<T> _carrier;
    readonly IStageContext _context;
    readonly GenerationLease _lease;
    readonly ConcurrentQueue<T> _input;
    readonly SemaphoreSlim _signal;
    readonly ConcurrentQueue<Done> _output;
    readonly Action _wake;
    volatile bool _stopped;

    // What is in flight, for a successor after a hang. Written by the worker before each call;
    // read by the watchdog only after it won the call (WatchedCall's CAS orders the two).
    T? _element;
    EventBatch? _original;
    StageChain? _chain;

    /// <summary>What the worker made of one element: the element to emit, or null for none.</summary>
    public readonly record struct Done(T? Element);

    /// <summary>The element a successor finishes first: the hung stage's batch, settled, continues after that stage.</summary>
    public sealed record Resume(T Element, EventBatch Original, StageChain Chain, int From, EventBatch? Batch);

    public ExtensionPointWorker(ExtensionPointKind at, IBatchCarrier<T> carrier, IStageContext context, GenerationLease lease,
        ConcurrentQueue<T> input, SemaphoreSlim signal, ConcurrentQueue<Done> output, Action wake)
    {
        _at = at;
        _carrier = carrier;
        _context = context;
        _lease = lease;
        _input = input;
        _signal = signal;
        _output = output;
        _wake = wake;
    }

    public WatchedCall<(PluginStage Stage, EventBatch Batch)> Watch { get; } = new();

    public void Start(Resume? resume) =>
        Task.Factory.StartNew(() => Run(resume), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Ends the loop; the worker lets go of its generation as it leaves.</summary>
    public void Stop() => _stopped = true;

    /// <summary>The watchdog won a hung call: describes the element in flight so a successor can finish it.</summary>
    public Resume Abandoned(PluginStage hung, EventBatch? settled) =>
        new(_element!, _original!, _chain!, _chain!.IndexOf(hung) + 1, settled);

    void Run(Resume? resume)
    {
        if (resume is not null)
        {
            // In flight again: a later stage of the chain may hang too.
            _element = resume.Element;
            _original = resume.Original;
            _chain = resume.Chain;
            var result = resume.Batch is null ? null : resume.Chain.Run(resume.Batch, resume.From, _context, Watch, out _);
            if (Watch.IsTakenOver) return;
            Emit(_carrier.Replace(resume.Element, resume.Original, result));
        }
        while (!_stopped)
        {
            if (!_signal.Wait(IdlePoll))
            {
                _lease.Refresh();
                continue;
            }
            if (!_input.TryDequeue(out var element)) continue;
            if (!Process(element)) return; // abandoned: a successor owns the queues now
        }
        _lease.Release();
    }

    bool Process(T element)
    {
        var batch = _carrier.BatchOf(element);
        if (batch is null)
        {
            Emit(element);
            return true;
        }
        var chain = _lease.Current.At(_at);
        if (chain.IsEmpty)
        {
            Emit(element);
            return true;
        }
        _element = element;
        _original = batch;
        _chain = chain;
        var result = chain.Run(batch, 0, _context, Watch, out var abandoned);
        if (abandoned) return false;
        // Forget the chain: holding it would keep a reloaded generation's load contexts alive.
        _element = null;
        _original = null;
        _chain = null;
        Emit(_carrier.Replace(element, batch, result));
        return true;
    }

    void Emit(T? element)
    {
        if (_stopped)
        {
            // The stream is gone; nobody will take it.
            if (element is not null) _carrier.BatchOf(element)?.Release();
            return;
        }
        _output.Enqueue(new Done(element));
        _wake();
    }
}
