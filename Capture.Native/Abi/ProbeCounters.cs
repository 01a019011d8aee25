using System.Runtime.InteropServices;

namespace Capture.Native.Abi;

/// <summary>
/// One CPU's counters, mirroring <c>struct capture_counters</c> in driver/abi/capture_abi.h
/// (a spec compiles the header and compares sizes and offsets). The probe keeps, per CPU:
/// <c>EventsSeen = delivered + DroppedRingFull + DroppedTooLarge + DroppedNoBuffer</c>, and
/// the same drops once more split by category.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct ProbeCounters
{
    public const int Size = 56;

    public ulong EventsSeen;
    public ulong DroppedRingFull;
    public ulong DroppedTooLarge;
    public ulong DroppedNoBuffer;
    public ulong DroppedSyscall;
    public ulong DroppedScheduler;
    public ulong DroppedPageFault;

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
    }
}
