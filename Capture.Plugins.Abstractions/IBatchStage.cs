using Capture.Native.Batches;

namespace Capture.Plugins;

/// <summary>
/// A plugin's step in the graph: it sees whole batches, never single events, one at a time
/// and always from the same thread, so it needs no locking of its own.
///
/// Ownership: <see cref="Process"/> receives one reference to <c>batch</c>. Return what goes
/// on: <c>batch</c> itself (observe), a batch rented from <see cref="IStageContext.Rent"/>
/// holding the events kept or rewritten (filter, enrich), or null when nothing goes on.
/// Whatever the stage does not pass on it must release, exactly once, also when it throws
/// (release in a finally). It may return fewer events than it received, never more; the
/// difference is counted as dropped by this stage under the plugin's name.
///
/// A stage that throws or hangs is handled by its <see cref="PluginFailurePolicy"/>; the
/// batch it held goes on unchanged (fail open) or is dropped (fail closed).
/// </summary>
public interface IBatchStage
{
    EventBatch? Process(EventBatch batch, IStageContext context);
}

/// <summary>What the host lends a stage while it processes a batch.</summary>
public interface IStageContext
{
    /// <summary>An empty batch from the pipeline's pool, as large as the one being processed. Release it if you do not return it.</summary>
    EventBatch Rent();
}
