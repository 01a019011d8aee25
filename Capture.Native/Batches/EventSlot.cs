namespace Capture.Native.Batches;

/// <summary>
/// Where one event sits, with the two fields the merge reads most (timestamp and cpu) copied
/// out so ordering never touches the frame bytes.
/// </summary>
/// <param name="Source">-1 when the frame is in this batch's own block; otherwise which of the
/// batch's sources holds it (a merged batch refers to the frames of the batches it merged).</param>
/// <param name="Copies">How often the frame's bytes were copied in user space to get here:
/// 1 for a frame copied out of a kernel ring, one more for every copy after that. Specs read it
/// to prove the pipeline copies each frame once.</param>
public readonly record struct EventSlot(ulong Timestamp, int Offset, int Length, ushort Cpu, short Source = EventSlot.OwnBlock, byte Copies = 1)
{
    public const short OwnBlock = -1;
}
