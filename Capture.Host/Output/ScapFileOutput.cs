using Capture.Native.Events;
using Capture.Native.Files;

namespace Capture.Host.Output;

/// <summary>Events into a scap file (mode 0600), after the metadata of where they came from.</summary>
public sealed class ScapFileOutput(ScapFileWriter writer) : IEventOutput
{
    public long EventsWritten => writer.EventsWritten;

    /// <summary>Bytes of blocks written so far, before compression.</summary>
    public long BytesWritten => writer.BytesWritten;

    public long EventsLeftOut => writer.EventsDropped;

    public void Write(in EventView ev, ushort cpu, ulong number) => writer.WriteEvent(ev, cpu);

    public void Flush() => writer.Flush();

    public void Dispose() => writer.Dispose();
}
