using Capture.Native.Files;
using Capture.Native.Processes;

namespace Capture.Native.Specs.Formatting;

/// <summary>
/// A fixture read whole with the product's reader, for the formatting specs: its thread
/// table and account names seeded from the file's lists, and its events as v2 frames.
/// Events with ids sysdig 0.29.3 does not know are left out, as that reader skips them
/// without counting, so numbers line up with what it prints.
/// </summary>
public sealed class FixtureCapture
{
    public ThreadTable Threads { get; } = new();
    public AccountNames Accounts { get; } = new();
    public List<(ushort Cpu, byte[] Frame)> Events { get; } = [];

    public static FixtureCapture Load(string path)
    {
        var capture = new FixtureCapture();
        using var reader = ScapFileReader.Open(path, entry => capture.Threads.Add(entry));
        FdListSeeding.SeedNames(reader, capture.Threads, capture.Accounts);
        while (reader.TryReadNext(out var ev, out var cpu))
            if (ev.Info.LegacyParamCount is not null) capture.Events.Add((cpu, ev.Frame.ToArray()));
        return capture;
    }
}
