using System.Collections.Concurrent;
using Capture.Native.Batches;
using Capture.Plugins;

namespace Capture.Actors.Specs.Plugins;

/// <summary>A plugin made of whatever a spec registers.</summary>
sealed class SpecPlugin(string name, Action<IPluginRegistration> register) : ICapturePlugin
{
    public string Name => name;
    public Version Version => new(0, 1);
    public void Register(IPluginRegistration registration) => register(registration);
}

/// <summary>Observes: records each batch it sees (ring and timestamps) and passes it on untouched.</summary>
sealed class RecordingStage : IBatchStage
{
    public sealed record Seen(int Ring, ulong[] Timestamps);

    readonly ConcurrentQueue<Seen> _seen = new();

    public IReadOnlyList<Seen> Batches => _seen.ToArray();

    public EventBatch? Process(EventBatch batch, IStageContext context)
    {
        var timestamps = new ulong[batch.Count];
        for (var i = 0; i < batch.Count; i++) timestamps[i] = batch.Slot(i).Timestamp;
        _seen.Enqueue(new Seen(batch.Ring, timestamps));
        return batch;
    }
}

/// <summary>Passes batches on until the n-th, on which it throws, having released it as the contract asks.</summary>
sealed class ThrowingStage(int throwOn) : IBatchStage
{
    int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public EventBatch? Process(EventBatch batch, IStageContext context)
    {
        if (Interlocked.Increment(ref _calls) < throwOn) return batch;
        batch.Release();
        throw new InvalidOperationException($"spec stage gave up on call {throwOn}");
    }
}

/// <summary>Passes batches on until the n-th, on which it blocks until the spec lets it go.</summary>
sealed class HangingStage(int hangOn) : IBatchStage
{
    readonly ManualResetEventSlim _gate = new(false);
    int _calls;

    public bool Hanging => Volatile.Read(ref _calls) >= hangOn && !_gate.IsSet;

    public void LetGo() => _gate.Set();

    public EventBatch? Process(EventBatch batch, IStageContext context)
    {
        if (Interlocked.Increment(ref _calls) == hangOn) _gate.Wait();
        return batch;
    }
}

/// <summary>A plugin sink that throws on its n-th batch (releasing it first).</summary>
sealed class ThrowingSink(int throwOn) : IPluginSink
{
    int _writes;

    public string Name => "throws";

    public void Write(EventBatch batch)
    {
        batch.Release();
        if (Interlocked.Increment(ref _writes) >= throwOn) throw new IOException("spec sink lost its disk");
    }

    public void Gap(CaptureHole hole) { }

    public void Complete() { }
}
