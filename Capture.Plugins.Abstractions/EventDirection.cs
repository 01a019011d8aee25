namespace Capture.Plugins;

/// <summary>Which half of a syscall an event is: enter events have even type ids, exit events odd ones.</summary>
public enum EventDirection : byte
{
    Enter,
    Exit,
}
