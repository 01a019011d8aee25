using Capture.Actors.Sinks;

namespace Capture.Actors.Plugins;

/// <summary>
/// Watches the stage calls of one extension point from a timer thread, because the thread
/// making them cannot: while a plugin hangs, the stream's thread is inside it. A call that
/// has run past the limit is taken over once: its stage is reported and failed, and when the
/// call returns, the stage sees the take-over and settles the batch by its failure policy.
/// </summary>
sealed class HangWatch : IDisposable
{
    readonly TimeSpan _limit;
    readonly Timer _timer;

    public HangWatch(TimeSpan limit)
    {
        _limit = limit;
        var period = limit / 4;
        _timer = new Timer(_ => Check(), null, period, period);
    }

    public WatchedCall<PluginStage> Call { get; } = new();

    void Check()
    {
        if (Call.TryTakeOver(_limit, out var hung, out _)) hung.ReportHang(_limit);
    }

    public void Dispose() => _timer.Dispose();
}
