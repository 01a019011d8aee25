using BenchmarkDotNet.Attributes;
using Capture.Native.Events;

namespace Capture.Bench.Micro;

/// <summary>Validating a frame (<see cref="EventView.TryRead"/>) and touching every parameter. One operation is one event.</summary>
public class DecodeBenchmarks
{
    public const int Events = 7 * 1024;

    byte[][] _frames = [];

    [GlobalSetup]
    public void Setup() => _frames = MixedFrames.Build(Events);

    [Benchmark(OperationsPerInvoke = Events)]
    public long ValidateAndReadParams()
    {
        long sum = 0;
        foreach (var frame in _frames)
        {
            if (EventView.TryRead(frame, out var view) != FrameFault.None) throw new InvalidOperationException("invalid frame");
            for (var i = 0; i < view.ParamCount; i++) sum += view.Param(i).Length;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long ValidateOnly()
    {
        long sum = 0;
        foreach (var frame in _frames)
        {
            if (EventView.TryRead(frame, out var view) != FrameFault.None) throw new InvalidOperationException("invalid frame");
            sum += view.Type;
        }
        return sum;
    }
}

/// <summary>Copies of <see cref="MixedEvents"/> frames with rising timestamps, for benchmarks that keep them.</summary>
internal static class MixedFrames
{
    public static byte[][] Build(int count, ulong start = 1_700_000_000_000_000_000, ulong step = 100)
    {
        var mixed = new MixedEvents();
        return Enumerable.Range(0, count).Select(i => mixed.Next(i, start + (ulong)i * step).ToArray()).ToArray();
    }
}
