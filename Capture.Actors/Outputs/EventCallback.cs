using Capture.Native.Events;

namespace Capture.Actors.Outputs;

/// <summary>A program's own code, called for each event in timestamp order; the view is valid during the call only.</summary>
public delegate void EventCallback(in EventView ev, ushort cpu);
