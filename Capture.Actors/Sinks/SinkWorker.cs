using System.Collections.Concurrent;
using Capture.Actors.Protocol;
using Capture.Actors.Streams;

namespace Capture.Actors.Sinks;

/// <summary>
/// Runs one sink on its own thread behind a bounded queue of batches. The fan-out stage
/// offers; this worker delivers. A sink that throws is marked failed: from then on every
/// batch meant for it is released and counted as <see cref="DropReason.SinkFailed"/>, and
/// it no longer holds anyone back.
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
    readonly int _resumeAt;
    int _queuedBatches;
    int _producerWaiting;
    Action? _wakeProducer;
    volatile bool _failed;
    volatile bool _completing;

    public SinkWorker(SinkBinding binding, StageCounters counters, Action<SinkFailure> report)
    {
        _binding = binding;
        _counters = counters;
        _report = report;
        _resumeAt = binding.Policy.Capacity / 2;
    }

    public string Name => _binding.Sink.Name;

    public bool Failed => _failed;

    /// <summary>True when this sink may hold the stream back: lossless, alive and full.</summary>
    public bool Blocks => _binding.Policy is SinkPolicy.Lossless && !_failed && Volatile.Read(ref _queuedBatches) >= _binding.Policy.Capacity;

    public Task Start(Action wakeProducer)
    {
        _wakeProducer = wakeProducer;
        return Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Hands over one reference to the element's batch; called by the fan-out stage only.</summary>
    public void Offer(BatchElement element)
    {
        var batch = element.Batch;
        _counters.AddIn(batch.Count);
        if (_failed)
        {
            _counters.AddDropped(DropReason.SinkFailed, batch.Count);
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
                    Deliver(batch);
                    if (Interlocked.Decrement(ref _queuedBatches) <= _resumeAt) WakeProducer();
                    break;
                case GapElement gap when !_failed:
                    Guard(() => _binding.Sink.Gap(gap.Gap));
                    break;
            }
        }
        if (!_failed) Guard(_binding.Sink.Complete);
    }

    void Deliver(BatchElement element)
    {
        var batch = element.Batch;
        var events = batch.Count; // read before the sink may release it
        if (_failed)
        {
            _counters.AddDropped(DropReason.SinkFailed, events);
            batch.Release();
            return;
        }
        if (Write(batch)) _counters.AddOut(events);
        else _counters.AddDropped(DropReason.SinkFailed, events);
    }

    // Spelled out rather than through Guard: a lambda capturing the batch would allocate per batch.
    bool Write(Native.Batches.EventBatch batch)
    {
        try
        {
            _binding.Sink.Write(batch);
            return true;
        }
        catch (Exception e)
        {
            Fail(e);
            return false;
        }
    }

    bool Guard(Action call)
    {
        try
        {
            call();
            return true;
        }
        catch (Exception e)
        {
            Fail(e);
            return false;
        }
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
