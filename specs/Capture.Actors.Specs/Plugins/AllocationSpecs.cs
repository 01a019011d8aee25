using Capture.Actors.Sinks;
using Capture.Actors.Drivers.Simulated;
using Capture.Actors.Plugins;
using Capture.Native.Batches;
using Capture.Plugins;
using Capture.Plugins.Samples.Filter;
using Capture.Actors.Accounting;

namespace Capture.Actors.Specs.Plugins;

public sealed class AllocationSpecs
{
    sealed class PassThrough : IBatchStage
    {
        public void Process(EventBatchView batch, EventSelection keep) { }
    }

    [Fact]
    public void The_stage_adapter_and_the_keep_filter_must_not_allocate_per_batch_once_warm()
    {
        var pool = new EventBatchPool(64 * 1024, 512);
        var call = new WatchedCall<PluginStage>();
        var stats = new PipelineStats();
        var chain = new StageChain(
        [
            new PluginStage("pass", ExtensionPoint.AfterMerge, new PassThrough(), PluginFailurePolicy.FailOpen, stats.Extension("pass"), _ => { }),
            new PluginStage("keep", ExtensionPoint.AfterMerge, KeepFilter.From(EventCatalog.Instance, ["open", "read"], [7]), PluginFailurePolicy.FailOpen, stats.Extension("keep"), _ => { }),
        ]);
        var frame = new byte[SyscallFrames.MaxFrameBytes];

        void RunBatches(int batches)
        {
            for (var b = 0; b < batches; b++)
            {
                var batch = pool.Rent();
                for (uint i = 0; i < 300; i++) batch.TryAppend(frame.AsSpan(0, SyscallFrames.Write(frame, 1000 + i, 100 + i % 11, i)), 0);
                chain.Run(batch, pool, call)?.Release();
            }
        }

        RunBatches(10); // warm: the pool holds its batches and views, the JIT is done
        Assert.Equal(0, Allocations.FewestOver(3, () => RunBatches(200)));
        Assert.Equal(0, pool.Outstanding);
        Assert.True(stats.Extension("keep").Snapshot() is { Balances: true, Out: > 0 } report && report.DroppedFor(DropReason.Filtered) > 0);
    }
}
