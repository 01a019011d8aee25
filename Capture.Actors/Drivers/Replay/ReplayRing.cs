using System.Diagnostics.CodeAnalysis;
using Capture.Native.Batches;

namespace Capture.Actors.Drivers.Replay;

/// <summary>One CPU's share of a replayed capture.</summary>
sealed class ReplayRing(ReplayDriver driver, int cpu) : IEventRing
{
    public int Id => cpu;

    public bool TryTake([NotNullWhen(true)] out EventBatch? batch)
    {
        batch = driver.Take(cpu);
        return batch is not null;
    }

    /// <summary>The replay reads the file on demand, so there is nothing to wait for; polling suffices.</summary>
    public void WhenReady(Action wake) { }

    public ulong Watermark => driver.WatermarkOf(cpu);

    public bool IsFinished => driver.IsFinished(cpu);

    public RingCounters Counters => new(0, driver.CorruptOf(cpu));

    public long Abandon() => driver.Abandon(cpu);
}
