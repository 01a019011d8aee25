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

    /// <summary>Runs <paramref name="batch"/> through the stages in order; what comes out goes on, or null.</summary>
    public EventBatch? Run(EventBatch batch, IStageContext context, WatchedCall<PluginStage> call)
    {
        EventBatch? current = batch;
        for (var i = 0; i < stages.Count && current is not null; i++) current = stages[i].Apply(current, context, call);
        return current;
    }
}

/// <summary>Stages rent from the pipeline's own pool, so what they pass on is returned like any other batch.</summary>
sealed class PoolStageContext(EventBatchPool pool) : IStageContext
{
    public EventBatch Rent() => pool.Rent();
}
