using Capture.Actors.Protocol;
using Capture.Actors.Sinks;
using Capture.Native.Batches;

namespace Capture.Actors.Plugins;

/// <summary>
/// A sink with the before-sink extension point in front of it. The stages run on the sink's
/// own worker thread, behind the sink's own bounded buffer and policy, so a slow or hung
/// stage before a lossy sink costs only that sink; the other sinks never see these stages.
/// </summary>
sealed class StagedSink(ICaptureSink inner, GenerationSlot generations, EventBatchPool pool) : ICaptureSink
{
    readonly GenerationLease _lease = new(generations);
    readonly WatchedCall<PluginStage> _call = new(); // nobody watches a call here: the sink's own stall deadline covers it

    public string Name => inner.Name;

    public void Write(EventBatch batch)
    {
        var chain = _lease.Current.BeforeSink(inner.Name);
        if (chain.IsEmpty)
        {
            inner.Write(batch);
            return;
        }
        if (chain.Run(batch, pool, _call) is { } result) inner.Write(result);
    }

    public void Gap(CaptureGap gap) => inner.Gap(gap);

    public void Complete()
    {
        _lease.Release();
        inner.Complete();
    }
}
