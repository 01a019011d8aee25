using System.Collections.Concurrent;
using Capture.Actors.Protocol;
using Capture.Actors.Accounting;

namespace Capture.Actors.Sinks;

/// <summary>
/// Runs one sink on its own thread behind a bounded queue of batches. The fan-out stage
/// offers; this worker delivers. A sink that throws is marked failed: from then on every
/// batch meant for it is released and counted as <see cref="DropReason.SinkFailed"/>, and
/// it no longer holds anyone back. A sink whose call runs past the stall deadline is cut off
/// by the fan-out (<see cref="CutOffIfStalled"/>) the same way, counted as
/// <see cref="DropReason.SinkStalled"/>; its thread is left to it.
///
/// Counting: In is every event offered, Out every event the sink accepted, and the rest is
/// dropped with a reason, so In = Out + dropped once the queue is empty.
/// </summary>
sealed class SinkWorker
{
    readonly SinkBinding _binding;
    readonly StageCounters _counters;
    readonly Action<SinkFailure> _report;
    readonly ConcurrentQueue<CaptureElement> _queue = new();
    readonly SemaphoreSlim _signal = new(0);
    readonly WatchedCall<(string Name, int Events)> _call = new();
    readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly int _resumeAt;
    int _queuedBatches;
    int _producerWaiting;
    Action? _wakeProducer;
    volatile bool _failed;
    volatile bool _completing;
    DropReason _cutOffAs = DropReason.SinkFailed;

    public SinkWorker(SinkBinding binding, StageCounters counters, Action<SinkFailure> report)
    {
        _binding = binding;
        _counters = counters;
        _report = report;
        _resumeAt = binding.Policy.Capacity / 2;
    }

    public string Name => _binding.Sink.Name;

    public bool Failed => _failed;

    /// <summary>Completes once the sink has been completed, or once nothing more will be asked of it (failed, cut off).</summary>
    public Task Settled => _settled.Task;

    /// <summary>True when this sink may hold the stream back: lossless, alive and full.</summary>
    public bool Blocks => _binding.Policy is SinkPolicy.Lossless && !_failed && Volatile.Read(ref _queuedBatches) >= _binding.Policy.Capacity;

    public void Start(Action wakeProducer)
    {
        _wakeProducer = wakeProducer;
        Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Hands over one reference to the element's batch; called by the fan-out stage only.</summary>
    public void Offer(BatchElement element)
    {
        var batch = element.Batch;
        _counters.AddIn(batch.Count);
        if (_failed)
        {
            _counters.AddDropped(_cutOffAs, batch.Count);
            batch.Release();
            return;
        }
        if (_binding.Policy is SinkPolicy.Lossy && Volatile.Read(ref _queuedBatches) >= _binding.Policy.Capacity)
        {
            _counters.AddDropped(DropReason.SinkOverflow, batch.Count);
            batch.Release();
            return;
        }
        Interlocked.Increment(ref _queuedBatches);
        _queue.Enqueue(element);
        _signal.Release();
    }

    /// <summary>Gap markers are never dropped: they are small and say where data is missing.</summary>
    public void Offer(GapElement gap)
    {
        if (_failed) return;
        _queue.Enqueue(gap);
        _signal.Release();
    }

    public void Complete()
    {
        _completing = true;
        _signal.Release();
    }

    /// <summary>Asks for a wake-up when room frees; false if there is room already.</summary>
    public bool ArmWakeUp()
    {
        Volatile.Write(ref _producerWaiting, 1);
        if (Blocks) return true;
        Volatile.Write(ref _producerWaiting, 0);
        return false;
    }

    /// <summary>
    /// Called by the fan-out stage only (the thread that offers), so once the call is won
    /// nobody else touches the queue: the worker thread is inside the sink, and if it ever
    /// returns it sees the cut-off and leaves. Returns the failure to log, or null.
    /// </summary>
    public SinkStalledException? CutOffIfStalled(TimeSpan deadline)
    {
        if (!_call.TryTakeOver(deadline, out var taken, out var ran)) return null;
        var (call, held) = taken;
        _cutOffAs = DropReason.SinkStalled;
        _failed = true;
        long dropped = held;
        while (_queue.TryDequeue(out var element))
        {
            if (element is not BatchElement { Batch: var batch }) continue;
            dropped += batch.Count;
            batch.Release();
            Interlocked.Decrement(ref _queuedBatches);
        }
        _counters.AddDropped(DropReason.SinkStalled, dropped);
        var stalled = new SinkStalledException(Name, call, ran, dropped);
        _report(new SinkFailure(Name, stalled));
        _settled.TrySetResult();
        return stalled;
    }

    void Run()
    {
        while (true)
        {
            _signal.Wait();
            if (!_queue.TryDequeue(out var element))
            {
                if (_completing) break;
                continue;
            }
            switch (element)
            {
                case BatchElement batch:
                    if (!Deliver(batch)) return;
                    if (Interlocked.Decrement(ref _queuedBatches) <= _resumeAt) WakeProducer();
                    break;
                case GapElement gap when !_failed:
                    if (!DeliverGap(gap)) return;
                    break;
            }
        }
        if (!_failed && !Guard("complete", _binding.Sink.Complete)) return;
        _settled.TrySetResult();
    }

    /// <summary>False when the sink was cut off during the call.</summary>
    bool Deliver(BatchElement element)
    {
        var batch = element.Batch;
        var events = batch.Count; // read before the sink may release it
        if (_failed)
        {
            _counters.AddDropped(_cutOffAs, events);
            batch.Release();
            return true;
        }
        _call.Enter(("write", events));
        Exception? failure = null;
        // Spelled out rather than through Guard: a lambda capturing the batch would allocate per batch.
        try
        {
            _binding.Sink.Write(batch);
        }
        catch (Exception e)
        {
            failure = e;
        }
        if (!_call.Leave()) return false;
        if (failure is null)
        {
            _counters.AddOut(events);
            return true;
        }
        // A sink that knows which events it kept says so; otherwise the whole batch is lost.
        // Lost may exceed this batch (events of earlier batches, counted out, still buffered):
        // Out then goes down by the difference.
        var lost = failure is SinkLostEventsException partial ? partial.Lost : events;
        _counters.AddOut(events - lost);
        _counters.AddDropped(DropReason.SinkFailed, lost);
        Fail(failure);
        return true;
    }

    /// <summary>
    /// A method of its own: a lambda over the gap inside <see cref="Run"/>'s loop made the
    /// compiler allocate its closure on every pass of the loop, once per batch.
    /// </summary>
    bool DeliverGap(GapElement gap) => Guard("gap", () => _binding.Sink.Gap(gap.Gap));

    /// <summary>False when the sink was cut off during the call.</summary>
    bool Guard(string name, Action call)
    {
        _call.Enter((name, 0));
        Exception? failure = null;
        try
        {
            call();
        }
        catch (Exception e)
        {
            failure = e;
        }
        if (!_call.Leave()) return false;
        if (failure is null) return true;
        if (failure is SinkLostEventsException partial)
        {
            // Events of earlier batches, counted out, that the sink still held (a final flush).
            _counters.AddOut(-partial.Lost);
            _counters.AddDropped(DropReason.SinkFailed, partial.Lost);
        }
        Fail(failure);
        return true;
    }

    void Fail(Exception e)
    {
        _failed = true;
        _report(new SinkFailure(Name, e));
        WakeProducer();
    }

    void WakeProducer()
    {
        if (Interlocked.Exchange(ref _producerWaiting, 0) == 1) _wakeProducer?.Invoke();
    }
}
