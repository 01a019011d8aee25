namespace Capture.Plugins;

/// <summary>
/// A plugin's step in the graph: it sees whole batches, never single events, one at a time
/// and always from the same thread, so it needs no locking of its own.
///
/// A stage observes the events of <c>batch</c> and may drop some of them with
/// <c>keep.Drop(i)</c>; it can neither add events nor change them (contract 2.0 has no
/// rewriting stages). It owns nothing it is given: the host owns the batch, passes it on
/// unchanged when nothing was dropped, and otherwise passes on a batch that refers to the kept
/// events without copying them. What a stage drops is counted as dropped by this stage under
/// the plugin's name.
///
/// Both arguments are valid for the call only (<see cref="EventBatchView"/> says how to keep
/// events longer). A stage that throws or hangs is handled by its
/// <see cref="PluginFailurePolicy"/>: what it dropped is ignored, and the batch goes on
/// whole (fail open) or not at all (fail closed).
/// </summary>
public interface IBatchStage
{
    void Process(EventBatchView batch, EventSelection keep);
}
