using Capture.Actors.Sinks;
using Capture.Native.Batches;
using Capture.Plugins;

namespace Capture.Actors.Plugins;

/// <summary>The plugin stages at one extension point, in order; a batch goes through each until none is left.</summary>
sealed class StageChain(IReadOnlyList<PluginStage> stages)
{
    public static readonly StageChain Empty = new([]);

    public IReadOnlyList<PluginStage> Stages => stages;

    public bool IsEmpty => stages.Count == 0;

    /// <summary>
    /// Runs <paramref name="batch"/> through the stages from <paramref name="from"/> on. When a
    /// watchdog abandons a call, returns null with <paramref name="abandoned"/> set: the batch
    /// is then the watchdog's to settle and carry on.
    /// </summary>
    public EventBatch? Run(EventBatch batch, int from, IStageContext context, WatchedCall<(PluginStage Stage, EventBatch Batch)> call, out bool abandoned)
    {
        abandoned = false;
        EventBatch? current = batch;
        for (var i = from; i < stages.Count && current is not null; i++)
        {
            current = stages[i].Apply(current, context, call, out abandoned);
            if (abandoned) return null;
        }
        return current;
    }

    public int IndexOf(PluginStage stage)
    {
        for (var i = 0; i < stages.Count; i++)
            if (ReferenceEquals(stages[i], stage)) return i;
        return -1;
    }
}

/// <summary>Stages rent from the pipeline's own pool, so what they pass on is returned like any other batch.</summary>
sealed class PoolStageContext(EventBatchPool pool) : IStageContext
{
    public EventBatch Rent() => pool.Rent();
}
