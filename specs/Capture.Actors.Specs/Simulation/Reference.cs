using Capture.Actors.Drivers.Simulated;
using Capture.Native.Batches;

namespace Capture.Actors.Specs.Simulation;

/// <summary>
/// What a simulation produces, read straight from the rings without any actor or stage:
/// the expected content of a merged run.
/// </summary>
static class Reference
{
    public sealed record Event(ulong Timestamp, ushort Cpu, string Frame);

    public static List<Event> Collect(SimulationSettings simulation, ulong duration, ulong step)
    {
        var kernel = new SimulatedKernel(simulation);
        using var driver = new SimulatedDriverLoader(kernel).Load();
        var rings = driver.Start(new EventBatchPool(64 * 1024, 512));
        var events = new List<Event>();
        for (ulong t = 0; t < duration; t += step)
        {
            kernel.Advance(Math.Min(step, duration - t));
            foreach (var ring in rings)
                while (ring.TryTake(out var batch))
                {
                    events.AddRange(Read(batch));
                    batch.Release();
                }
        }
        return events;
    }

    public static IEnumerable<Event> Read(EventBatch batch) =>
        Enumerable.Range(0, batch.Count).Select(i => new Event(batch.Slot(i).Timestamp, batch.Slot(i).Cpu, Convert.ToHexString(batch.Frame(i)))).ToList();

    /// <summary>A canonical order for comparing collections of events that tie on time.</summary>
    public static IEnumerable<Event> Canonical(this IEnumerable<Event> events) =>
        events.OrderBy(e => e.Timestamp).ThenBy(e => e.Cpu).ThenBy(e => e.Frame, StringComparer.Ordinal);
}
