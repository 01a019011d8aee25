using System.Collections.Concurrent;
using Capture.Actors.Protocol;
using Capture.Native.Batches;

namespace Capture.Actors.Sinks;

/// <summary>
/// Keeps a record of every event and gap it receives, in arrival order, for specs to
/// inspect. Allocates per event by design; never use it on a real capture.
/// </summary>
public sealed class CollectingSink(string name = "collecting") : ICaptureSink
{
    readonly ConcurrentQueue<object> _received = new();
    readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    long _events;

    public string Name => name;

    /// <summary>What one event looked like when it arrived, including its whole frame.</summary>
    public sealed record Event(ulong Timestamp, ushort Cpu, ulong ThreadId, ushort Type, byte[] Frame);

    public IReadOnlyList<Event> Events => _received.OfType<Event>().ToArray();

    public IReadOnlyList<CaptureGap> Gaps => _received.OfType<CaptureGap>().ToArray();

    /// <summary>Events and gaps interleaved as they arrived.</summary>
    public IReadOnlyList<object> Received => _received.ToArray();

    public long Count => Interlocked.Read(ref _events);

    public Task Completed => _completed.Task;

    public void Write(EventBatch batch)
    {
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var view = batch.View(i);
                _received.Enqueue(new Event(view.Timestamp, batch.Slot(i).Cpu, view.ThreadId, view.Type, view.Frame.ToArray()));
            }
            Interlocked.Add(ref _events, batch.Count);
        }
        finally
        {
            batch.Release();
        }
    }

    public void Gap(CaptureGap gap) => _received.Enqueue(gap);

    public void Complete() => _completed.TrySetResult();
}
