namespace Capture.Native.Polling;

/// <summary>
/// A ring held a record header no kernel writes, so nothing after it can be trusted and the
/// poller reads that ring no more. Carries which ring, its first CPU and where in the ring.
/// </summary>
public sealed class RingUnreadableException(int ring, ushort cpu, ulong position, string problem)
    : Exception($"ring {ring} (CPU {cpu}) cannot be read past position {position}: {problem}")
{
    public int Ring => ring;
    public ushort Cpu => cpu;

    /// <summary>The consumer position of the bad record header, in bytes since the ring was created.</summary>
    public ulong Position => position;

    public string Problem => problem;
}
