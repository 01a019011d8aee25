using System.Runtime.InteropServices;

namespace Capture.Native.Abi;

/// <summary>
/// One CPU's counters, mirroring <c>struct capture_counters</c> in driver/abi/capture_abi.h
/// (a spec compiles the header and compares sizes and offsets). The probe keeps, per CPU:
/// <c>EventsSeen = delivered + DroppedRingFull + DroppedTooLarge + DroppedNoBuffer</c>, and
/// the same drops once more split by category. Gap markers (drop events that say how many
/// events were lost before them) are events too: in EventsSeen and, once read, delivered.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct ProbeCounters
{
    public const int Size = 72;

    public ulong EventsSeen;
    public ulong DroppedRingFull;
    public ulong DroppedTooLarge;
    public ulong DroppedNoBuffer;
    public ulong DroppedSyscall;
    public ulong DroppedScheduler;
    public ulong DroppedPageFault;
    /// <summary>Drop events sent to mark where events were lost (part of EventsSeen).</summary>
    public ulong GapMarkers;
    /// <summary>Events lost since the CPU's last gap marker: no marker says so yet.</summary>
    public ulong LostUnmarked;

    public readonly ulong Dropped => DroppedRingFull + DroppedTooLarge + DroppedNoBuffer;

    public void Add(in ProbeCounters other)
    {
        EventsSeen += other.EventsSeen;
        DroppedRingFull += other.DroppedRingFull;
        DroppedTooLarge += other.DroppedTooLarge;
        DroppedNoBuffer += other.DroppedNoBuffer;
        DroppedSyscall += other.DroppedSyscall;
        DroppedScheduler += other.DroppedScheduler;
        DroppedPageFault += other.DroppedPageFault;
        GapMarkers += other.GapMarkers;
        LostUnmarked += other.LostUnmarked;
    }
}
