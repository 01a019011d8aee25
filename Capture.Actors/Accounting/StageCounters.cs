namespace Capture.Actors.Accounting;

/// <summary>
/// One stage's books, in events: what came in, what went out and what was dropped, by
/// reason. Counted per batch, never per event. Once the stage holds nothing,
/// In = Out + dropped, and <see cref="StageReport.Balances"/> says so.
/// Written by the stage's own thread, read by anyone.
/// </summary>
public sealed class StageCounters(string stage)
{
    readonly long[] _dropped = new long[Enum.GetValues<DropReason>().Length];
    long _in;
    long _out;

    public string Stage => stage;

    public void AddIn(long events) => Interlocked.Add(ref _in, events);

    public void AddOut(long events) => Interlocked.Add(ref _out, events);

    public void AddDropped(DropReason reason, long events)
    {
        if (events != 0) Interlocked.Add(ref _dropped[(int)reason], events);
    }

    public long In => Interlocked.Read(ref _in);

    public long Out => Interlocked.Read(ref _out);

    public long Dropped(DropReason reason) => Interlocked.Read(ref _dropped[(int)reason]);

    public StageReport Snapshot()
    {
        var dropped = new Dictionary<DropReason, long>();
        foreach (var reason in Enum.GetValues<DropReason>())
            if (Dropped(reason) is var n and not 0) dropped[reason] = n;
        return new StageReport(stage, In, Out, dropped);
    }
}

public sealed record StageReport(string Stage, long In, long Out, IReadOnlyDictionary<DropReason, long> Dropped)
{
    public long DroppedTotal => Dropped.Values.Sum();

    public long DroppedFor(DropReason reason) => Dropped.GetValueOrDefault(reason);

    public bool Balances => In == Out + DroppedTotal;

    public override string ToString() =>
        $"{Stage}: in {In} = out {Out} + dropped {DroppedTotal}" +
        (Dropped.Count == 0 ? "" : " (" + string.Join(", ", Dropped.Select(d => $"{d.Key} {d.Value}")) + ")");
}
