using Capture.Native.Files;

namespace Capture.Actors.Drivers.Replay;

/// <summary>
/// A scap file as frames for the replay driver, one CPU ring per CPU the file's machine block
/// names. A fault in the file ends the replay with the reader's exception, which names the
/// file and the offset; every event before it has been handed over.
/// </summary>
public sealed class ScapFileFrameSource(ScapFileReader reader) : IFrameSource
{
    public string Name => reader.Path;

    public int CpuCount { get; } = Math.Max(1, (int)(reader.MachineInfo?.CpuCount ?? 1));

    public bool TryRead(out int cpu, out ReadOnlySpan<byte> frame)
    {
        if (!reader.TryReadNext(out var ev, out var eventCpu))
        {
            cpu = 0;
            frame = default;
            return false;
        }
        cpu = eventCpu;
        frame = ev.Frame;
        return true;
    }

    public void Dispose() => reader.Dispose();
}
