using Capture.Native.Batches;
using Capture.Native.Schema;

namespace Capture.Actors.Drivers.Simulated;

/// <summary>One simulated driver instance attached to a <see cref="SimulatedKernel"/>.</summary>
public sealed class SimulatedDriver(SimulatedKernel kernel, SemanticVersion api, SemanticVersion schema) : ICaptureDriver
{
    volatile string? _crash;
    bool _started;

    public string Name => "simulated";
    public SemanticVersion ApiVersion => api;
    public SemanticVersion SchemaVersion => schema;

    /// <summary>Why this instance died, or null while it lives.</summary>
    public string? CrashReason => _crash;

    public IReadOnlyList<IEventRing> Start(EventBatchPool pool)
    {
        if (_started) throw new InvalidOperationException("a driver instance is started once; load a new one to restart");
        _started = true;
        return kernel.Attach(this).Select(cpu => (IEventRing)new SimulatedRing(this, cpu, pool)).ToArray();
    }

    internal void Crash(string reason) => _crash = reason;

    public void Dispose() => kernel.Detach(this);
}
