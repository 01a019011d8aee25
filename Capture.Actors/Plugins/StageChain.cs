using Capture.Actors.Sinks;
using Capture.Native.Batches;

namespace Capture.Actors.Plugins;

/// <summary>The plugin stages at one extension point, in order; a batch goes through each until none is left.</summary>
sealed class StageChain(IReadOnlyList<PluginStage> stages)
{
    public static readonly StageChain Empty = new([]);

    public IReadOnlyList<PluginStage> Stages => stages;

    public bool IsEmpty => stages.Count == 0;

    /// <summary>
    /// Runs <paramref name="batch"/> through the stages in order; what comes out goes on, or
    /// null. What a stage keeps of a batch becomes a view batch from <paramref name="pool"/>,
    /// the pipeline's own, so it is returned like any other batch.
    /// </summary>
    public EventBatch? Run(EventBatch batch, EventBatchPool pool, WatchedCall<PluginStage> call)
    {
        EventBatch? current = batch;
        // An empty batch (a stage kept nothing) only carries state on to the sinks: no stage has anything to see in it.
        for (var i = 0; i < stages.Count && current is { IsEmpty: false }; i++) current = stages[i].Apply(current, pool, call);
        return current;
    }
}
