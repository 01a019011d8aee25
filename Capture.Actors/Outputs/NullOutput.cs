using Capture.Native.Events;

namespace Capture.Actors.Outputs;

/// <summary>`-q`: events are counted and dropped, as for sysdig -q without -w; for measuring capture alone.</summary>
public sealed class NullOutput : IEventOutput
{
    public void Write(in EventView ev, ushort cpu, ulong number)
    {
    }

    public void Flush()
    {
    }

    public void Dispose()
    {
    }
}
