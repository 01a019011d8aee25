using BenchmarkDotNet.Attributes;
using Capture.Native.Events;
using Capture.Native.Formatting;
using Capture.Native.Text;

namespace Capture.Bench.Micro;

/// <summary>sysdig-style text lines and JSON objects into a reused <see cref="Utf8Buffer"/>. One operation is one event.</summary>
public class FormatBenchmarks
{
    public const int Events = 7 * 128;

    byte[][] _frames = [];
    readonly EventFormatter _formatter = new(utcOffset: TimeSpan.Zero);
    readonly Utf8Buffer _buffer = new(4096);

    [GlobalSetup]
    public void Setup() => _frames = MixedFrames.Build(Events);

    [Benchmark(OperationsPerInvoke = Events)]
    public int Text()
    {
        var bytes = 0;
        for (var i = 0; i < _frames.Length; i++)
        {
            EventView.TryRead(_frames[i], out var view);
            _buffer.Clear();
            _formatter.WriteText(_buffer, view, (ulong)i, (ushort)(i & 1));
            bytes += _buffer.Length;
        }
        return bytes;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int Json()
    {
        var bytes = 0;
        for (var i = 0; i < _frames.Length; i++)
        {
            EventView.TryRead(_frames[i], out var view);
            _buffer.Clear();
            _formatter.WriteJson(_buffer, view, (ulong)i, (ushort)(i & 1));
            bytes += _buffer.Length;
        }
        return bytes;
    }
}
