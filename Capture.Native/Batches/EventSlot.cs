namespace Capture.Native.Batches;

/// <summary>
/// Where one event sits in its batch's block, with the two fields the merge reads most
/// (timestamp and cpu) copied out so ordering never touches the frame bytes.
/// </summary>
public readonly record struct EventSlot(ulong Timestamp, int Offset, int Length, ushort Cpu);
