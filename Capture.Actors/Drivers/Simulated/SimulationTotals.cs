namespace Capture.Actors.Drivers.Simulated;

/// <summary>
/// The simulated kernel's own books, across every driver instance: what it produced and
/// where each event went. Generated = KernelDropped + Written, and once every ring is
/// drained Written = Delivered + Corrupt + Unread.
/// </summary>
public readonly record struct SimulationTotals(long Generated, long Written, long KernelDropped, long Corrupt, long Delivered, long Unread)
{
    public static SimulationTotals operator +(SimulationTotals a, SimulationTotals b) => new(
        a.Generated + b.Generated, a.Written + b.Written, a.KernelDropped + b.KernelDropped,
        a.Corrupt + b.Corrupt, a.Delivered + b.Delivered, a.Unread + b.Unread);
}
