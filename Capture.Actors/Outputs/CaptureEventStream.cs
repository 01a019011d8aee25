using System.Threading.Channels;
using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Native.Batches;

namespace Capture.Actors.Outputs;

/// <summary>
/// Events for consumers that want <c>await foreach</c>. Each event is copied out of its batch
/// (the one place an event becomes an object, for code that asked for objects). The buffer is
/// bounded: a consumer that falls behind loses events, counted in <see cref="Dropped"/>, and
/// never slows the capture.
/// </summary>
public sealed class CaptureEventStream(int capacity = 64 * 1024) : ICaptureSink
{
    readonly Channel<CapturedEvent> _channel = Channel.CreateBounded<CapturedEvent>(
        new BoundedChannelOptions(capacity) { SingleWriter = true, FullMode = BoundedChannelFullMode.DropWrite });
    long _dropped;

    public string Name => "event-stream";

    /// <summary>Events the consumer was too slow to take.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Every event from now until the capture ends, in timestamp order.</summary>
    public IAsyncEnumerable<CapturedEvent> ReadAllAsync(CancellationToken cancellation = default) => _channel.Reader.ReadAllAsync(cancellation);

    public void Write(EventBatch batch)
    {
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var ev = batch.View(i);
                var copy = new CapturedEvent(ev.Timestamp, (long)ev.ThreadId, batch.Slot(i).Cpu, ev.Info, ev.Frame.ToArray());
                if (!_channel.Writer.TryWrite(copy)) Interlocked.Increment(ref _dropped);
            }
        }
        finally
        {
            batch.Release();
        }
    }

    public void Gap(CaptureGap gap)
    {
    }

    public void Complete() => _channel.Writer.TryComplete();
}
