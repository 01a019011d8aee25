// The plugin examples of README.md's "Plugins" section, verbatim, so the README cannot drift
// from the contract: if this file stops compiling, the README is wrong too.
using Capture.Plugins;
using Capture.Actors.Specs.Plugins.Readme;

[assembly: CapturePlugin(typeof(OpensOnly))]   // records the contract version you built against

namespace Capture.Actors.Specs.Plugins.Readme;

public sealed class OpensOnly : ICapturePlugin, IBatchStage
{
    HashSet<ushort> _opens = [];

    public string Name => "opens-only";
    public Version Version => new(1, 0);

    public void Register(IPluginRegistration registration)
    {
        _opens = registration.Events.TypesNamed("open").ToHashSet();   // names to type ids once, not per event
        registration.AddStage(ExtensionPoint.AfterMerge, this);        // or AfterDecode, BeforeSink("output")
    }

    // Look at the events and drop what must not go on; the host passes the rest on without copying.
    public void Process(EventBatchView batch, EventSelection keep)
    {
        for (var i = 0; i < batch.Count; i++)
            if (!_opens.Contains(batch[i].Type)) keep.Drop(i);
    }
}

// A sink that always holds on to the latest batch: the view dies with the call, a lease keeps it.
public sealed class LatestBatch : IPluginSink
{
    EventBatchLease _latest;

    public string Name => "latest";

    public void Write(EventBatchView batch)
    {
        _latest.Dispose();           // let the previous one go (disposing a default lease does nothing)
        _latest = batch.Keep();
    }

    public int LatestCount => _latest.IsHeld ? _latest.Batch.Count : 0;

    public void Gap(CaptureHole hole) { }
    public void Complete() => _latest.Dispose();
}
