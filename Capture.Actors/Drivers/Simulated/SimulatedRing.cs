using System.Diagnostics.CodeAnalysis;
using Capture.Native.Batches;
using Capture.Native.Polling;

namespace Capture.Actors.Drivers.Simulated;

/// <summary>The reader's view of one simulated CPU through one driver instance.</summary>
sealed class SimulatedRing : IEventRing
{
    readonly SimulatedDriver _driver;
    readonly SimulatedCpu _cpu;
    readonly EventBatchPool _pool;
    readonly SimulationTotals _atAttach;

    public SimulatedRing(SimulatedDriver driver, SimulatedCpu cpu, EventBatchPool pool)
    {
        _driver = driver;
        _cpu = cpu;
        _pool = pool;
        _atAttach = cpu.Totals;
    }

    public int Id => _cpu.Id;

    public bool TryTake([NotNullWhen(true)] out EventBatch? batch)
    {
        if (_driver.CrashReason is { } reason) throw new DriverFaultException(reason);
        batch = _cpu.Take(_pool);
        if (batch is null && _cpu.Unreadable)
            throw new RingUnreadableException(Id, (ushort)Id, _cpu.ConsumerPosition, "the simulated ring's next record header is bad");
        return batch is not null;
    }

    public void WhenReady(Action wake) => _cpu.WhenReady(wake);

    public ulong Watermark => _cpu.Watermark;

    public bool IsFinished => _cpu.IsFinished;

    public RingCounters Counters
    {
        get
        {
            var now = _cpu.Totals;
            var dropped = now.KernelDropped - _atAttach.KernelDropped;
            var corrupt = now.Corrupt - _atAttach.Corrupt;
            if (_cpu.KernelDroppedWhenUnreadable is not { } atFault) return new(dropped, corrupt);
            var before = atFault - _atAttach.KernelDropped;
            return new(before, corrupt, dropped - before);
        }
    }

    public long Abandon() => _cpu.Abandon();
}
