using Capture.Actors.Drivers.Replay;

namespace Capture.Actors.Specs.Simulation;

/// <summary>Frames held in memory in "file order", standing in for the scap file reader.</summary>
sealed class MemoryFrameSource(int cpuCount, IReadOnlyList<(int Cpu, byte[] Frame)> frames, int breakAt = -1) : IFrameSource
{
    int _next;

    public string Name => "memory";
    public int CpuCount => cpuCount;
    public bool Disposed { get; private set; }

    public bool TryRead(out int cpu, out ReadOnlySpan<byte> frame)
    {
        if (_next == frames.Count)
        {
            cpu = 0;
            frame = default;
            return false;
        }
        if (_next == breakAt) throw new InvalidDataException($"memory: frame {breakAt} is torn");
        (cpu, var bytes) = frames[_next++];
        frame = bytes;
        return true;
    }

    public void Dispose() => Disposed = true;
}
