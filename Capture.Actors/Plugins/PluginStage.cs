using Capture.Actors.Sinks;
using Capture.Actors.Streams;
using Capture.Native.Batches;
using Capture.Plugins;

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
    /// goes on, or null. <paramref name="call"/> lets a watchdog abandon a call that hangs:
    /// then null is returned, what the plugin returns late is released, and the guard is the
    /// watchdog's to settle through <see cref="SettleAbandoned"/>.
    /// </summary>
    public EventBatch? Apply(EventBatch batch, IStageContext context, WatchedCall<(PluginStage Stage, EventBatch Batch)> call, out bool abandoned)
    {
        abandoned = false;
        var events = batch.Count;
        var ring = batch.Ring;
        Counters.AddIn(events);
        if (_failed) return AfterFailure(batch, events);

        batch.Retain(); // the guard
        EventBatch? result;
        call.Enter((this, batch));
        try
        {
            result = _stage.Process(batch, context);
        }
        catch (Exception e)
        {
            if (!call.Leave())
            {
                abandoned = true;
                return null;
            }
            Fail(e);
            // The plugin released its own reference (its contract); the guard carries the batch on.
            return AfterFailure(batch, events);
        }
        if (!call.Leave())
        {
            abandoned = true;
            result?.Release();
            return null;
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
        Counters.AddOut(result.Count);
        Counters.AddDropped(DropReason.Filtered, events - result.Count);
        return result;
    }

    /// <summary>The watchdog gave up on a call to this stage: mark it failed and decide the held batch by the policy.</summary>
    public EventBatch? SettleAbandoned(EventBatch guarded, TimeSpan after)
    {
        Fail(new TimeoutException($"the stage did not return within {after.TotalMilliseconds:0} ms and was abandoned"));
        return AfterFailure(guarded, guarded.Count);
    }

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
