using Capture.Native.Schema;

namespace Capture.Actors.Drivers.Simulated;

/// <summary>
/// Loads simulated driver instances on one kernel, announcing the given versions (the
/// build's own by default). <see cref="LoadFails"/> makes chosen loads throw, numbered from 1,
/// so specs can make a restart fail.
/// </summary>
public sealed class SimulatedDriverLoader(SimulatedKernel kernel, SemanticVersion? api = null, SemanticVersion? schema = null) : IDriverLoader
{
    int _loads;

    public string Name => $"simulated (API {Api}, schema {Schema})";

    public SemanticVersion Api { get; } = api ?? EventTable.ApiVersion;

    public SemanticVersion Schema { get; } = schema ?? EventTable.SchemaVersion;

    public Func<int, bool> LoadFails { get; init; } = _ => false;

    public int Loads => Volatile.Read(ref _loads);

    public ICaptureDriver Load()
    {
        var number = Interlocked.Increment(ref _loads);
        if (LoadFails(number)) throw new DriverFaultException($"simulated load {number} failed");
        return new SimulatedDriver(kernel, Api, Schema);
    }
}
