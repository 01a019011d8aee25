using System.Collections.Concurrent;
using Capture.Plugins;

namespace Capture.Actors.Specs.Plugins;

/// <summary>A plugin made of whatever a spec registers.</summary>
sealed class SpecPlugin(string name, Action<IPluginRegistration> register) : ICapturePlugin
{
    public string Name => name;
    public Version Version => new(0, 1);
    public void Register(IPluginRegistration registration) => register(registration);
}

/// <summary>Observes: records each batch it sees (ring and timestamps) and drops nothing.</summary>
sealed class RecordingStage : IBatchStage
{
    public sealed record Seen(int Ring, ulong[] Timestamps);

    readonly ConcurrentQueue<Seen> _seen = new();

    public IReadOnlyList<Seen> Batches => _seen.ToArray();

    public void Process(EventBatchView batch, EventSelection keep)
    {
        var timestamps = new ulong[batch.Count];
        for (var i = 0; i < batch.Count; i++) timestamps[i] = batch[i].Timestamp;
        _seen.Enqueue(new Seen(batch.Ring, timestamps));
    }
}

/// <summary>Passes batches on until the n-th, on which it drops some events and then throws.</summary>
sealed class ThrowingStage(int throwOn) : IBatchStage
{
    int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public void Process(EventBatchView batch, EventSelection keep)
    {
        if (Interlocked.Increment(ref _calls) < throwOn) return;
        if (keep.Count > 0) keep.Drop(0); // disregarded: a stage that throws decided nothing
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

    public void Process(EventBatchView batch, EventSelection keep)
    {
        if (Interlocked.Increment(ref _calls) != hangOn) return;
        _gate.Wait();
        keep.DropAll(); // too late: a call reported as hung decides nothing
    }
}

/// <summary>A plugin sink that throws on its n-th batch.</summary>
sealed class ThrowingSink(int throwOn) : IPluginSink
{
    int _writes;

    public string Name => "throws";

    public void Write(EventBatchView batch)
    {
        if (Interlocked.Increment(ref _writes) >= throwOn) throw new IOException("spec sink lost its disk");
    }

    public void Gap(CaptureHole hole) { }

    public void Complete() { }
}
