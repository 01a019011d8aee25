using Capture.Actors.Sinks;
using Capture.Native.Batches;
using Capture.Plugins;
using Capture.Actors.Protocol;
using Capture.Actors.Accounting;

namespace Capture.Actors.Plugins;

/// <summary>
/// One plugin stage as the host runs it: the plugin's <see cref="IBatchStage"/>, its books
/// and its failure state. Called from one thread at a time.
///
/// Counting, per batch: In is what reached the stage, Out what it passed on, and the
/// difference is dropped as <see cref="DropReason.Filtered"/> (the stage chose to) or
/// <see cref="DropReason.PluginFailed"/> (it had failed closed); the counters are named
/// after the plugin, so the report says whose drop it was.
///
/// The host keeps a reference of its own (the guard) on the batch for the length of the
/// call, so whatever the plugin does, the batch it was given is still valid when it throws
/// or hangs, and can go on unchanged under <see cref="PluginFailurePolicy.FailOpen"/>.
/// Called from one thread at a time; <see cref="ReportHang"/> comes from a watchdog's.
/// </summary>
sealed class PluginStage
{
    readonly IBatchStage _stage;
    readonly Action<PluginFailure> _report;
    volatile bool _failed;

    public PluginStage(string plugin, ExtensionPoint at, IBatchStage stage, PluginFailurePolicy policy, StageCounters counters, Action<PluginFailure> report)
    {
        Plugin = plugin;
        At = at;
        _stage = stage;
        Policy = policy;
        Counters = counters;
        _report = report;
    }

    public string Plugin { get; }
    public ExtensionPoint At { get; }
    public PluginFailurePolicy Policy { get; }
    public StageCounters Counters { get; }

    /// <summary>Counters are named after the plugin and where it runs, e.g. "plugin keep-open after-merge".</summary>
    public static string StageName(string plugin, ExtensionPoint at) => $"plugin {plugin} {at}";

    /// <summary>
    /// Runs the stage on <paramref name="batch"/> (one reference handed over) and returns what
    /// goes on, or null. <paramref name="call"/> lets a watchdog report a call that hangs
    /// (<see cref="ReportHang"/>); when such a call returns, what the plugin returned is
    /// discarded and the batch goes on by the failure policy.
    /// </summary>
    public EventBatch? Apply(EventBatch batch, IStageContext context, WatchedCall<PluginStage> call)
    {
        var events = batch.Count;
        var ring = batch.Ring;
        var handOffs = batch.HandOffs;
        Counters.AddIn(events);
        if (_failed) return AfterFailure(batch, events);

        batch.Retain(); // the guard
        EventBatch? result;
        call.Enter(this);
        try
        {
            result = _stage.Process(batch, context);
        }
        catch (Exception e)
        {
            if (call.Leave()) Fail(e); // else the watchdog failed it already, for hanging first
            // The plugin released its own reference (its contract); the guard carries the batch on.
            return AfterFailure(batch, events);
        }
        if (!call.Leave())
        {
            // Reported as hung while it ran: too late to trust; the guard carries the batch on.
            result?.Release();
            return AfterFailure(batch, events);
        }
        batch.Release(); // the guard: if the plugin passed the batch on, its reference goes on with it

        if (result is null) return Dropped(events);
        if (result.Count > events)
        {
            result.Release();
            Fail(new InvalidOperationException($"the stage passed on {result.Count} events out of {events}; a stage may drop events, never add them"));
            return Dropped(events); // the input is gone (the plugin released it), so fail-open has nothing to pass on
        }
        if (result.IsEmpty)
        {
            result.Release();
            return Dropped(events);
        }
        result.Ring = ring;
        if (result.HandOffs < handOffs) result.HandOffs = handOffs; // a batch of the stage's own still came this way
        Counters.AddOut(result.Count);
        Counters.AddDropped(DropReason.Filtered, events - result.Count);
        return result;
    }

    /// <summary>A watchdog found a call to this stage running past <paramref name="after"/>: it has failed.</summary>
    public void ReportHang(TimeSpan after) =>
        Fail(new TimeoutException($"the stage did not return within {after.TotalMilliseconds:0} ms; it holds the capture back until it returns, and is {(Policy == PluginFailurePolicy.FailOpen ? "bypassed" : "failed closed")} from then on"));

    EventBatch? AfterFailure(EventBatch batch, int events)
    {
        if (Policy == PluginFailurePolicy.FailOpen)
        {
            Counters.AddOut(events);
            return batch;
        }
        Counters.AddDropped(DropReason.PluginFailed, events);
        batch.Release();
        return null;
    }

    EventBatch? Dropped(int events)
    {
        Counters.AddDropped(DropReason.Filtered, events);
        return null;
    }

    void Fail(Exception cause)
    {
        _failed = true;
        _report(new PluginFailure(Plugin, At.ToString(), Policy == PluginFailurePolicy.FailOpen ? "bypassed" : "failed closed", cause));
    }
}
