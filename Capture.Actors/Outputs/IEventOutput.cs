using Capture.Native.Events;

namespace Capture.Actors.Outputs;

/// <summary>Where `capture` sends each event it reads: text or JSON lines, or a scap file.</summary>
public interface IEventOutput : IDisposable
{
    /// <summary>
    /// One event, already observed by the thread table. <paramref name="number"/> counts
    /// every event read, from 1, as sysdig numbers them.
    /// </summary>
    void Write(in EventView ev, ushort cpu, ulong number);

    /// <summary>Pushes out whatever is buffered; called at the end and before exiting on a fault.</summary>
    void Flush();
}
