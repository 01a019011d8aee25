using Capture.Native.Files;

namespace Capture.Native.Specs.Files;

/// <summary>A copy of one event read from a fixture, so specs can assert on it after the reader moved on.</summary>
public sealed record FixtureEvent(ulong Timestamp, ulong ThreadId, ushort Type, ushort Cpu, int ParamCount, byte[][] Params)
{
    /// <summary>The first event of <paramref name="fixture"/> with this timestamp, or null.</summary>
    public static FixtureEvent? At(string fixture, ulong timestamp)
    {
        using var reader = ScapFileReader.Open(RepoPaths.Fixture(fixture));
        while (reader.TryReadNext(out var ev, out var cpu))
        {
            if (ev.Timestamp != timestamp) continue;
            var values = new byte[ev.ParamCount][];
            for (var i = 0; i < values.Length; i++) values[i] = ev.Param(i).ToArray();
            return new FixtureEvent(ev.Timestamp, ev.ThreadId, ev.Type, cpu, ev.ParamCount, values);
        }
        return null;
    }
}
