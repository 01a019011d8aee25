using Capture.Actors.Sinks;
using Capture.Native.Batches;
using Capture.Plugins;
using Capture.Actors.Protocol;
using Capture.Actors.Accounting;

namespace Capture.Actors.Plugins;

/// <summary>
/// One plugin stage as the host runs it: the plugin's <see cref="IBatchStage"/>, its books
/// and its failure state. Called from one thread at a time; <see cref="ReportHang"/> comes
/// from a watchdog's.
///
/// Counting, per batch: In is what reached the stage, Out what it passed on, and the
/// difference is dropped as <see cref="DropReason.Filtered"/> (the stage chose to) or
/// <see cref="DropReason.PluginFailed"/> (it had failed closed); the counters are named
/// after the plugin, so the report says whose drop it was.
///
/// The plugin is lent a view of the batch and a selection; the host keeps its own reference
/// on the batch for the length of the call (the guard), so whatever the plugin does, the batch
/// is still whole when it throws or hangs, and can go on unchanged under
/// <see cref="PluginFailurePolicy.FailOpen"/>. What goes on is the batch itself when nothing
/// was dropped, and otherwise a view batch from the pool that refers to the kept frames where
/// they lie: a stage never costs a copy.
/// </summary>
sealed class PluginStage
{
    readonly IBatchStage _stage;
    readonly Action<PluginFailure> _report;
    readonly BatchLoan _loan = new();
    readonly EventSelection _keep = new();
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
    /// goes on (one reference), or null. <paramref name="pool"/> gives the view batch for what a
    /// stage kept. <paramref name="call"/> lets a watchdog report a call that hangs
    /// (<see cref="ReportHang"/>); when such a call returns, what the plugin dropped is
    /// disregarded and the batch goes on by the failure policy.
    /// </summary>
    public EventBatch? Apply(EventBatch batch, EventBatchPool pool, WatchedCall<PluginStage> call)
    {
        var events = batch.Count;
        Counters.AddIn(events);
        if (_failed) return AfterFailure(batch, events);

        var view = _loan.Lend(batch);
        _keep.Open(events);
        Exception? thrown = null;
        call.Enter(this);
        try
        {
            _stage.Process(view, _keep);
        }
        catch (Exception e)
        {
            thrown = e;
        }
        finally
        {
            _loan.End();
            _keep.Close();
        }
        var returnedInTime = call.Leave(); // false: the watchdog failed it already, for hanging
        if (thrown is not null)
        {
            if (returnedInTime) Fail(thrown);
            return AfterFailure(batch, events);
        }
        if (!returnedInTime) return AfterFailure(batch, events);

        var dropped = _keep.DroppedCount;
        if (dropped > 0) Counters.AddDropped(DropReason.Filtered, dropped);
        if (dropped == 0)
        {
            Counters.AddOut(events);
            return batch;
        }
        if (dropped == events) return NoneKept(batch, pool);
        var kept = KeptEvents(batch, pool);
        Counters.AddOut(kept.Count);
        return kept;
    }

    /// <summary>A view batch referring to the events the stage kept, in order; the input's reference is handed over to it.</summary>
    EventBatch KeptEvents(EventBatch batch, EventBatchPool pool)
    {
        var kept = pool.RentView();
        for (var i = 0; i < batch.Count; i++)
        {
            if (_keep.IsDroppedUnchecked(i) || kept.TryAppendReference(batch, i)) continue;
            // A subset of a batch refers to no more blocks than the batch did; only an input
            // larger than the pool's batches can get here, and that is a host bug.
            kept.Release();
            throw new InvalidOperationException($"the events a stage kept of a batch of {batch.Count} do not fit a view batch of the pipeline's pool");
        }
        kept.Ring = batch.Ring;
        kept.KeepUnfiltered(batch);
        batch.Release(); // the view holds references of its own on the blocks it refers to
        return kept;
    }

    /// <summary>
    /// The stage kept nothing: an empty view goes on all the same, carrying the whole batch as
    /// its <see cref="EventBatch.Unfiltered"/>, so sinks that follow process and fd state still
    /// see the clone, execve or open the stage hid.
    /// </summary>
    static EventBatch NoneKept(EventBatch batch, EventBatchPool pool)
    {
        var none = pool.RentView();
        none.Ring = batch.Ring;
        none.KeepUnfiltered(batch);
        batch.Release();
        return none;
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

    void Fail(Exception cause)
    {
        _failed = true;
        _report(new PluginFailure(Plugin, At.ToString(), Policy == PluginFailurePolicy.FailOpen ? "bypassed" : "failed closed", cause));
    }
}
