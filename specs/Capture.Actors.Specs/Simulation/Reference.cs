using Capture.Actors.Drivers.Simulated;
using Capture.Native.Batches;

namespace Capture.Actors.Specs.Simulation;

/// <summary>
/// What a simulation produces, read straight from the rings without any actor or stage:
/// the expected content of a merged run.
/// </summary>
static class Reference
{
    /// <summary>One event with its whole frame; equal when the bytes are equal.</summary>
    public sealed record Event(ulong Timestamp, ushort Cpu, byte[] Frame)
    {
        public bool Equals(Event? other) =>
            other is not null && Timestamp == other.Timestamp && Cpu == other.Cpu && Frame.AsSpan().SequenceEqual(other.Frame);

        public override int GetHashCode() => HashCode.Combine(Timestamp, Cpu, Frame.Length);

        public override string ToString() => $"Event {{ Timestamp = {Timestamp}, Cpu = {Cpu}, Frame = {Convert.ToHexString(Frame)} }}";
    }

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
        Enumerable.Range(0, batch.Count).Select(i => new Event(batch.Slot(i).Timestamp, batch.Slot(i).Cpu, batch.Frame(i).ToArray())).ToList();

    /// <summary>A canonical order for comparing collections of events that tie on time.</summary>
    public static IEnumerable<Event> Canonical(this IEnumerable<Event> events) =>
        events.OrderBy(e => e.Timestamp).ThenBy(e => e.Cpu).ThenBy(e => e.Frame, FrameOrder.Instance);

    sealed class FrameOrder : IComparer<byte[]>
    {
        public static readonly FrameOrder Instance = new();
        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
