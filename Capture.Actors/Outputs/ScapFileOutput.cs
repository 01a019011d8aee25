using Capture.Native.Containers;
using Capture.Native.Events;
using Capture.Native.Files;

namespace Capture.Actors.Outputs;

/// <summary>
/// Events into a scap file (mode 0600), after the metadata of where they came from. A write
/// that fails (a full disk) leaves the file cut back to its last whole block and throws
/// <see cref="OutputFailedException"/>, once; the file is closed by then. The containers of
/// <paramref name="containers"/> go in as container events as their metadata is learnt, so
/// readers of the file name them.
/// </summary>
public sealed class ScapFileOutput(string path, bool compressed, ScapFileWriter writer, ContainerTable containers) : IFileOutput
{
    readonly ContainerEventsInFile _containers = new(containers);

    public long EventsWritten => writer.EventsWritten;

    /// <summary>Bytes of blocks written so far, before compression.</summary>
    public long BytesWritten => writer.BytesWritten;

    public long EventsLeftOut => writer.EventsDropped;

    public void Write(in EventView ev, ushort cpu, ulong number)
    {
        try
        {
            _containers.Before(writer, ev);
            writer.WriteEvent(ev, cpu);
        }
        catch (ScapFileWriteException e)
        {
            throw new OutputFailedException(path, compressed, e);
        }
    }

    public void Flush()
    {
        try
        {
            writer.Flush();
        }
        catch (ScapFileWriteException e)
        {
            throw new OutputFailedException(path, compressed, e);
        }
    }

    public void Dispose()
    {
        try
        {
            writer.Dispose();
        }
        catch (ScapFileWriteException e)
        {
            throw new OutputFailedException(path, compressed, e);
        }
    }
}
