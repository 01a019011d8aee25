namespace Capture.Native.Schema;

/// <summary>Enter events have even ids and exit events odd ones; they pair up.</summary>
public enum EventDirection : byte
{
    Enter,
    Exit,
}
